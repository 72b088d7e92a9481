import { Readable } from "node:stream";
import { currentUser } from "@/lib/auth";
import { canFetchRepository, findProject, type ProjectWithAccess } from "@/lib/projects";
import { repositoryPath, type RepositoryKind } from "@/lib/repositories";
import type { PublicUser } from "@/lib/users";

/**
 * What the file routes (`/-/raw/`, `/-/archive/`) share: who may have the file, where its tail is, and how the answer
 * is sent. Unlike pages, they answer a user who may not read the code exactly as a path that does not exist: 404.
 */

/** The file routes that serve a repository as the viewer may fetch it. */
export type RepositoryPage = "raw" | "archive" | "wiki-raw" | "release-downloads";
/** Every file route: the repository's, and a design's image, which the readers may see (GitLab's read_design). */
export type ServedPage = RepositoryPage | "design-raw";

// Where each file route's tail starts in the address the browser asked for; the wiki's files are the wiki
// repository's, which the wiki's readers may read.
const MARKERS: Record<ServedPage, string> = {
  raw: "/-/raw/",
  archive: "/-/archive/",
  "wiki-raw": "/-/wikis/-/raw/",
  "release-downloads": "/-/releases/",
  "design-raw": "/-/design_management/designs/",
};
const KINDS: Record<RepositoryPage, RepositoryKind> = { raw: "project", archive: "project", "wiki-raw": "wiki", "release-downloads": "project" };

/**
 * The project's full path and the tail's segments, decoded once, from the path the request was made for
 * (`/<full path>/-/raw/<tail>`) or the one next.config.js rewrote it to (`/projects/-/raw/<tail>/-/<full path>`).
 * Route params are not used: Next has decoded them already, and decoding twice would misread a file named `100%25`.
 * Undefined for a malformed path.
 */
export function servedPathOf(pathname: string, page: ServedPage): { fullPath: string; tail: string[] } | undefined {
  const rewritten = `/projects/-/${page}/`;
  let fullPath: string;
  let tail: string;
  if (pathname.startsWith(rewritten)) {
    const at = pathname.lastIndexOf("/-/");
    if (at < rewritten.length - 1) return undefined;
    tail = pathname.slice(rewritten.length, at);
    fullPath = pathname.slice(at + 3);
  } else {
    const marker = MARKERS[page];
    const at = pathname.indexOf(marker);
    if (at <= 0) return undefined;
    fullPath = pathname.slice(1, at);
    tail = pathname.slice(at + marker.length);
  }
  try {
    const segments = tail.split("/").map(decodeURIComponent);
    const pathParts = fullPath.split("/").map(decodeURIComponent);
    if (segments.length === 0 || pathParts.length < 2 || pathParts.some((part) => part === "" || part === "-")) return undefined;
    return { fullPath: pathParts.join("/"), tail: segments };
  } catch {
    return undefined;
  }
}

/** The signed-in user and the project a file route's request names, if they may see the project at all. */
export async function servedProject(request: Request, page: ServedPage): Promise<{ user: PublicUser; project: ProjectWithAccess; tail: string[] } | undefined> {
  const served = servedPathOf(new URL(request.url).pathname, page);
  if (!served) return undefined;
  const user = await currentUser();
  if (!user) return undefined;
  const project = await findProject(user, served.fullPath);
  return project ? { user, project, tail: served.tail } : undefined;
}

/** The project and repository a file route's request names, if the signed-in user may read that repository. */
export async function servedRepository(request: Request, page: RepositoryPage): Promise<{ project: ProjectWithAccess; repo: string; tail: string[] } | undefined> {
  const served = await servedProject(request, page);
  if (!served || !canFetchRepository(served.user, served.project, KINDS[page])) return undefined;
  return { project: served.project, repo: repositoryPath(served.project.id, KINDS[page]), tail: served.tail };
}

// What keeps a served file from acting as a page of this site, should a browser open it: never sniffed, no script, no
// plugin, no frame, its own origin (sandbox). proxy.ts leaves these responses without the pages' policy.
const FILE_HEADERS = { "x-content-type-options": "nosniff", "content-security-policy": "default-src 'none'; sandbox" } as const;

export const notFoundResponse = () => new Response("Not Found", { status: 404, headers: { ...FILE_HEADERS, "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

/** `inline` or `attachment`, with an ASCII fallback name and the exact one in RFC 5987 form. */
function disposition(kind: "inline" | "attachment", filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * A file streamed to the client from git's output; the client going away stops git (the stream's signal). `immutable`:
 * the address names one version for good (a commit id in it), so the browser need not ask again.
 */
export function fileResponse(stream: Readable, options: { contentType: string; filename: string; attachment: boolean; size?: number; immutable?: boolean }): Response {
  const body = Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, {
    status: 200,
    headers: {
      ...FILE_HEADERS,
      "content-type": options.contentType,
      "content-disposition": disposition(options.attachment ? "attachment" : "inline", options.filename),
      ...(options.size !== undefined ? { "content-length": String(options.size) } : {}),
      // The same URL names another file once a branch moves: the browser may keep it, nobody between may.
      "cache-control": options.immutable ? "private, max-age=31536000, immutable" : "private, no-cache",
    },
  });
}
