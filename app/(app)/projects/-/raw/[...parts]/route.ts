import { fileResponse, notFoundResponse, servedRepository } from "@/app/(app)/projects/served-file";
import { GitNotFoundError, openFile, rawType, splitRefPath } from "@/lib/repositories";

export const dynamic = "force-dynamic";

/**
 * A repository's file as it is (`/<full path>/-/raw/<ref>/<path>`, rewritten here by next.config.js), streamed from
 * git: text as text/plain, raster images as themselves, anything else as a download; `?inline=false` makes any file a
 * download (GitLab's). 404 for a user who may not read the code, as for a file that is not there.
 */
export async function GET(request: Request): Promise<Response> {
  const served = await servedRepository(request, "raw");
  if (!served) return notFoundResponse();
  const at = await splitRefPath(served.repo, served.tail);
  if (!at?.path) return notFoundResponse();
  let file;
  try {
    file = await openFile(served.repo, at.commit, at.path, { signal: request.signal });
  } catch (error) {
    if (error instanceof GitNotFoundError) return notFoundResponse();
    throw error;
  }
  const type = rawType(file.name, file.binary);
  const download = new URL(request.url).searchParams.get("inline") === "false";
  return fileResponse(file.stream, { contentType: type.contentType, filename: file.name, attachment: download || !type.inline, size: file.size });
}
