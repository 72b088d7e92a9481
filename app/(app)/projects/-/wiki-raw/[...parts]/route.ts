import { fileResponse, notFoundResponse, servedRepository } from "@/app/(app)/projects/served-file";
import { rawType } from "@/lib/repositories";
import { openWikiFile } from "@/lib/wikis";

export const dynamic = "force-dynamic";

/**
 * A file of the wiki's repository as it is (`/<full path>/-/wikis/-/raw/<path>`, rewritten here by next.config.js):
 * what a page's images show, streamed from git at the wiki's HEAD, raster images as themselves and anything else as
 * text or a download. 404 for a user who may not read the wiki, as for a file that is not there.
 */
export async function GET(request: Request): Promise<Response> {
  const served = await servedRepository(request, "wiki-raw");
  if (!served) return notFoundResponse();
  const file = await openWikiFile(served.repo, served.tail.join("/"), { signal: request.signal });
  if (!file) return notFoundResponse();
  const type = rawType(file.name, file.binary);
  return fileResponse(file.stream, { contentType: type.contentType, filename: file.name, attachment: !type.inline, size: file.size });
}
