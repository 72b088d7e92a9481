import { fileResponse, notFoundResponse, servedRepository } from "@/app/(app)/projects/served-file";
import { LFS_POINTER_MAX_BYTES, openLfsObject } from "@/lib/lfs";
import { lfsFileOf } from "@/lib/projects";
import { fileAt, GitNotFoundError, openFile, rawType, splitRefPath } from "@/lib/repositories";

export const dynamic = "force-dynamic";

/**
 * A repository's file as it is (`/<full path>/-/raw/<ref>/<path>`, rewritten here by next.config.js), streamed from
 * git: text as text/plain, raster images as themselves, anything else as a download; `?inline=false` makes any file a
 * download (GitLab's). A Git LFS pointer whose object the project has is answered with the object, as GitLab's raw
 * is (a pointer without its object stays the pointer). 404 for a user who may not read the code, as for a file that
 * is not there.
 */
export async function GET(request: Request): Promise<Response> {
  const served = await servedRepository(request, "raw");
  if (!served) return notFoundResponse();
  const at = await splitRefPath(served.repo, served.tail);
  if (!at?.path) return notFoundResponse();
  const download = new URL(request.url).searchParams.get("inline") === "false";
  let file;
  try {
    const head = await fileAt(served.repo, at.commit, at.path, { maxBytes: LFS_POINTER_MAX_BYTES });
    const lfs = await lfsFileOf(served.project, head);
    const object = lfs?.stored ? await openLfsObject(lfs.oid) : null;
    if (object) {
      const type = rawType(head.name, object.binary);
      return fileResponse(object.stream, { contentType: type.contentType, filename: head.name, attachment: download || !type.inline, size: object.size });
    }
    file = await openFile(served.repo, at.commit, at.path, { signal: request.signal });
  } catch (error) {
    if (error instanceof GitNotFoundError) return notFoundResponse();
    throw error;
  }
  const type = rawType(file.name, file.binary);
  return fileResponse(file.stream, { contentType: type.contentType, filename: file.name, attachment: download || !type.inline, size: file.size });
}
