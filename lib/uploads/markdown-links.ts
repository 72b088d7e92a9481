import { decodeUrlPart, uploadKey } from "./names";

export interface UploadLinkContext {
  /** The source instance, as the import was started with it (scheme and host, maybe a path; no trailing slash). */
  sourceUrl: string;
  /** The group's full path on the source. */
  sourceFullPath: string;
  /** The group's full path in Ferry. */
  destinationFullPath: string;
  /** Where an upload the source calls `<secret>/<filename>` lives in Ferry, if it was imported. */
  resolve(secret: string, filename: string): { secret: string; filename: string } | undefined;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

// Where a link may start: the text's start, or after whitespace, `(` (markdown), `<` (autolink), a quote or `=` (HTML
// attributes), `[` . Anything else (`/-/uploads/...` of an already rewritten link, `https://host/x/uploads/...` of a
// project upload) is the middle of another URL.
const LINK_START = String.raw`(?<=^|[\s(<"'=\[])`;
// GitLab sanitises upload names to word characters, `.`, `-` and `+`; stop at what ends a URL in markdown or HTML.
const FILENAME = String.raw`[^\s)"'<>\]?#]+`;
const SECRET = String.raw`[0-9a-fA-F]{32}|[0-9a-fA-F]{10}`;

/** Ferry's URL of a group upload, with the name encoded as a URL path segment. */
export function groupUploadUrl(groupFullPath: string, secret: string, filename: string): string {
  return `/groups/${groupFullPath}/-/uploads/${secret}/${encodeURIComponent(filename)}`;
}

/**
 * Points a text's links to the source's group uploads at Ferry's copies: relative `/uploads/<secret>/<file>` (what
 * GitLab's markdown stores), and `[<source url>]/groups/<source path>/-/uploads/<secret>/<file>`. A link to an upload
 * that was not imported, to another host or group, or already Ferry's, is left as it is; so is any query or fragment.
 * Pure: the same text and context give the same result, and a rewritten text is a fixed point.
 */
export function rewriteUploadLinks(text: string, context: UploadLinkContext): string {
  if (!text.includes("/uploads/")) return text;
  const source = `(?:${escape(context.sourceUrl.replace(/\/+$/, ""))})?/groups/${escape(context.sourceFullPath)}/(?:-/)?uploads`;
  const pattern = new RegExp(`${LINK_START}(?:${source}|/uploads)/(${SECRET})/(${FILENAME})`, "giu");
  return text.replace(pattern, (match, secret: string, filename: string) => {
    const found = context.resolve(secret, filename) ?? context.resolve(secret, decodeUrlPart(filename));
    return found ? groupUploadUrl(context.destinationFullPath, found.secret, found.filename) : match;
  });
}

/** A resolver over the uploads an entity imported (see importedUploads). */
export function resolverOf(imported: Map<string, { secret: string; filename: string }>): UploadLinkContext["resolve"] {
  return (secret, filename) => imported.get(uploadKey(secret, filename));
}
