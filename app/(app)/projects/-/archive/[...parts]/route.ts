import { fileResponse, notFoundResponse, servedRepository } from "@/app/(app)/projects/served-file";
import { GitNotFoundError, splitRefPath, streamArchive, type ArchiveFormat } from "@/lib/repositories";

export const dynamic = "force-dynamic";

const FORMATS: { extension: string; format: ArchiveFormat; contentType: string }[] = [
  { extension: ".tar.gz", format: "tar.gz", contentType: "application/gzip" },
  { extension: ".tar.bz2", format: "tar.bz2", contentType: "application/x-bzip2" },
  { extension: ".tar", format: "tar", contentType: "application/x-tar" },
  { extension: ".zip", format: "zip", contentType: "application/zip" },
];

/**
 * The tree at a ref as an archive (`/<full path>/-/archive/<ref>/<name>.{zip,tar.gz,tar.bz2,tar}`, GitLab's), streamed from
 * `git archive` as the client reads it. As GitLab, the ref is the longest run of segments that names one, the rest
 * (`<project>-<ref>`) only names the download; everything is under `<project>-<ref>-<commit id>/`. 404 for a user who
 * may not read the code, an unknown ref or format.
 */
export async function GET(request: Request): Promise<Response> {
  const served = await servedRepository(request, "archive");
  if (!served) return notFoundResponse();
  const name = served.tail.at(-1) ?? "";
  const kind = FORMATS.find((candidate) => name.endsWith(candidate.extension) && name.length > candidate.extension.length);
  if (!kind) return notFoundResponse();
  const at = await splitRefPath(served.repo, [...served.tail.slice(0, -1), name.slice(0, -kind.extension.length)]);
  // The last segment is the file's name: a ref alone (`/-/archive/main.zip`) names nothing.
  if (!at || at.path === "" || at.path.includes("/")) return notFoundResponse();
  const stem = `${served.project.path}-${at.ref.replaceAll("/", "-")}`;
  try {
    const stream = await streamArchive(served.repo, at.commit, kind.format, `${stem}-${at.commit}`, { signal: request.signal });
    return fileResponse(stream, { contentType: kind.contentType, filename: `${stem}${kind.extension}`, attachment: true });
  } catch (error) {
    if (error instanceof GitNotFoundError) return notFoundResponse();
    throw error;
  }
}
