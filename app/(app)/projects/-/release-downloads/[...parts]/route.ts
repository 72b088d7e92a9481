import { notFoundResponse, servedRepository } from "@/app/(app)/projects/served-file";
import { findRelease, linkAtFilepath } from "@/lib/projects";

export const dynamic = "force-dynamic";

/**
 * A release asset's permanent address (`/<full path>/-/releases/<tag>/downloads/<filepath>`, rewritten here by
 * next.config.js): a redirect (302) to the address of the release's link with that filepath, as GitLab's; 404 when
 * there is no such release or link, or for a user who may not read the code.
 */
export async function GET(request: Request): Promise<Response> {
  const served = await servedRepository(request, "release-downloads");
  if (!served) return notFoundResponse();
  const [tagName, downloads, ...filepath] = served.tail;
  if (!tagName || downloads !== "downloads" || filepath.length === 0) return notFoundResponse();
  const release = await findRelease(served.project.id, tagName);
  const link = release && linkAtFilepath(release, `/${filepath.join("/")}`);
  if (!link) return notFoundResponse();
  return new Response(null, { status: 302, headers: { location: link.url, "cache-control": "no-store" } });
}
