import { defaultBranch, GitNotFoundError, resolveRevision, streamArchive, type ArchiveFormat } from "@/lib/repositories";
import { contentDisposition, streamedFile } from "./file-responses";
import { repositoryRoute } from "./repository-route";
import { badRequest, json } from "./responses";

// GitLab's archive formats (Gitlab::PathRegex.archive_formats_regex) and what each is; null: bzip2, which git archive
// does not write.
const FORMATS: Record<string, ArchiveFormat | null> = { "tar.gz": "tar.gz", tgz: "tar.gz", gz: "tar.gz", tar: "tar", zip: "zip", "tar.bz2": null, tbz: null, tbz2: null, tb2: null, bz2: null };

const routeNotFound = () => json({ error: "404 Not Found" }, { status: 404 });
const fileNotFound = () => json({ message: "404 File Not Found" }, { status: 404 });

/**
 * GET /projects/:id/repository/archive[.format]?sha=: the tree of `sha` (the default branch) as tar.gz (the default),
 * tar or zip, streamed from git archive as the client reads it. Named and prefixed as GitLab does,
 * `<project>-<ref>-<commit id>`. Anything that names no commit is "404 File Not Found", as GitLab rescues it. bzip2
 * formats and the `path` subfolder are refused with a 400: Ferry's archives do not make them.
 */
export const repositoryArchiveRoute = repositoryRoute<"archive">({ tail: "repository/:archive" }, async ({ request, url, repo, project, params }) => {
  // This route's folder is `repository/[archive]`: any other name there is an address no route serves.
  const match = /^archive(?:\.(.+))?$/.exec(params.archive);
  if (!match || (match[1] !== undefined && !(match[1] in FORMATS))) return routeNotFound();
  const q = url.searchParams;
  const name = match[1] ?? q.get("format") ?? "tar.gz";
  // An unknown `format` parameter is GitLab's default, tar.gz.
  const format = name in FORMATS ? FORMATS[name]! : "tar.gz";
  if (format === null) return badRequest(`${name} archives are not supported`);
  if (q.get("path")) return badRequest("path is not supported");

  const ref = q.get("sha") || (await defaultBranch(repo)) || "HEAD";
  let commit: string;
  try {
    commit = await resolveRevision(repo, ref);
  } catch (error) {
    if (error instanceof GitNotFoundError) return fileNotFound();
    throw error;
  }
  const prefix = `${project.path}-${ref.replace(/\//g, "-")}-${commit}`;
  const stream = await streamArchive(repo, commit, format, prefix, { signal: request.signal });
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
