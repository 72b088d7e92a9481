import { fileResponse, notFoundResponse, servedProject } from "@/app/(app)/projects/served-file";
import { openDesignImage, projectIssueScope } from "@/lib/issues";
import { rawType } from "@/lib/repositories";

export const dynamic = "force-dynamic";

/**
 * A design's image, at GitLab's addresses (rewritten here by next.config.js):
 * `/<full path>/-/design_management/designs/<design id>/raw_image` for its latest version, and
 * `.../<design id>/<sha>/raw_image` for the version of that commit, which never changes (cached for good). Raster
 * images as themselves, anything else as rawType sends it (an SVG as text). 404 for a user who may not read the
 * issue (GitLab's read_design), as for a design, version or image that is not there.
 */
export async function GET(request: Request): Promise<Response> {
  const served = await servedProject(request, "design-raw");
  if (!served) return notFoundResponse();
  const [id, sha, last, ...rest] = served.tail.length === 2 ? [served.tail[0], undefined, served.tail[1]] : served.tail;
  if (rest.length > 0 || last !== "raw_image" || !id || !/^\d{1,10}$/.test(id)) return notFoundResponse();
  const image = await openDesignImage(projectIssueScope(served.user, served.project), Number(id), { sha, signal: request.signal });
  if (!image) return notFoundResponse();
  const type = rawType(image.filename, image.binary);
  return fileResponse(image.stream, { contentType: type.contentType, filename: image.filename, attachment: !type.inline, size: image.size, immutable: sha !== undefined });
}
