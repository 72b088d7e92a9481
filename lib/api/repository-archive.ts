import { defaultBranch, GitNotFoundError, resolveRevision, streamArchive, type ArchiveFormat } from "@/lib/repositories";
import { contentDisposition, streamedFile } from "./file-responses";
import { repositoryRoute } from "./repository-route";
import { json } from "./responses";

// GitLab's archive formats (Gitlab::PathRegex.archive_formats_regex) and the archive each names (Repository's
// archive_file_path: the bzip2 names all make a .tar.bz2).
const FORMATS: Record<string, ArchiveFormat> = { "tar.gz": "tar.gz", tgz: "tar.gz", gz: "tar.gz", tar: "tar", zip: "zip", "tar.bz2": "tar.bz2", tbz: "tar.bz2", tbz2: "tar.bz2", tb2: "tar.bz2", bz2: "tar.bz2" };

const routeNotFound = () => json({ error: "404 Not Found" }, { status: 404 });
const fileNotFound = () => json({ message: "404 File Not Found" }, { status: 404 });

/**
 * GET /projects/:id/repository/archive[.format]?sha=&path=: the tree of `sha` (the default branch), or only its
 * folder `path`, as tar.gz (the default), tar.bz2, tar or zip, streamed from git archive as the client reads it. Named
 * and prefixed as GitLab does, `<project>-<ref>-<commit id>[-<path with dashes>]`. Anything that names no commit or no
 * path in it is "404 File Not Found", as GitLab rescues it.
 */
export const repositoryArchiveRoute = repositoryRoute<"archive">({ tail: "repository/:archive" }, async ({ request, url, repo, project, params }) => {
  // This route's folder is `repository/[archive]`: any other name there is an address no route serves.
  const match = /^archive(?:\.(.+))?$/.exec(params.archive);
  if (!match || (match[1] !== undefined && !Object.hasOwn(FORMATS, match[1]))) return routeNotFound();
  const q = url.searchParams;
  const name = match[1] ?? q.get("format") ?? "tar.gz";
  // An unknown `format` parameter is GitLab's default, tar.gz.
  const format = Object.hasOwn(FORMATS, name) ? FORMATS[name]! : "tar.gz";
  const path = q.get("path") || undefined;

  const ref = q.get("sha") || (await defaultBranch(repo)) || "HEAD";
  let commit: string;
  try {
    commit = await resolveRevision(repo, ref);
  } catch (error) {
    if (error instanceof GitNotFoundError) return fileNotFound();
    throw error;
  }
  const dashed = (text: string) => text.replace(/\//g, "-");
  const prefix = `${project.path}-${dashed(ref)}-${commit}${path ? `-${dashed(path.replace(/\/+$/, ""))}` : ""}`;
  const stream = await streamArchive(repo, commit, format, prefix, { path, signal: request.signal });
  return streamedFile(
    stream,
    new Headers({
      "content-type": format === "zip" ? "application/zip" : "application/octet-stream",
      "content-disposition": contentDisposition("attachment", `${prefix}.${format}`),
      "content-transfer-encoding": "binary",
      "cache-control": "private, no-cache",
    }),
  );
});
