import fs from "node:fs";
import { Readable } from "node:stream";
import { findVisibleUpload } from "@/lib/content";
import type { Viewer } from "@/lib/viewer";
import { isInlineImage } from "./content-type";
import { decodeUrlPart, filenameProblem, isUploadSecret } from "./names";
import { resolveUploadPath } from "./storage";

const notFound = () => new Response("Not Found", { status: 404, headers: { "content-type": "text/plain", "cache-control": "no-store", "x-content-type-options": "nosniff" } });

// Types a browser would run as a document or script if it ever ignored the disposition.
const ACTIVE = /html|svg|xml|javascript|ecmascript/i;

/** `attachment; filename="..."` with an ASCII fallback and the exact name in RFC 5987 form. */
function disposition(kind: "inline" | "attachment", filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * A group upload at `/groups/<full path>/-/uploads/<secret>/<filename>` (the segments after `/groups/`, `-/uploads`
 * taken out), streamed from disk to a viewer who may see the group; 404 for anything else, as GitLab answers. Only
 * raster images are shown inline: anything else is a download, never sniffed, sandboxed if opened, so that an uploaded
 * HTML or SVG file cannot run scripts in Ferry's origin.
 */
export async function serveGroupUpload(viewer: Viewer, segments: readonly string[]): Promise<Response> {
  const parts = segments.map(decodeUrlPart);
  if (parts.length < 3) return notFound();
  const filename = parts[parts.length - 1]!;
  const secret = parts[parts.length - 2]!;
  const fullPath = parts.slice(0, -2).join("/");
  if (!isUploadSecret(secret) || filenameProblem(filename)) return notFound();
  const upload = await findVisibleUpload(viewer, fullPath, secret, filename);
  if (!upload) return notFound();
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(resolveUploadPath(upload.storagePath), "r");
  } catch {
    return notFound();
  }
  const { size } = await handle.stat();
  const body = Readable.toWeb(handle.createReadStream()) as unknown as ReadableStream<Uint8Array>;
  const inline = isInlineImage(upload.contentType);
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": ACTIVE.test(upload.contentType) ? "application/octet-stream" : upload.contentType,
      "content-length": String(size),
      "content-disposition": disposition(inline ? "inline" : "attachment", upload.filename),
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "private, max-age=3600",
    },
  });
}
