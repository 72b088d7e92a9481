import { currentUser } from "@/lib/auth";
import { serveGroupUpload } from "@/lib/uploads";

export const dynamic = "force-dynamic";

/**
 * Group uploads, reached at GitLab's address `/groups/<full path>/-/uploads/<secret>/<filename>` through the rewrite in
 * next.config.js (the group pages' catch-all owns `/groups/...`). Signed-in users only; the group's visibility decides.
 */
export async function GET(_request: Request, context: { params: Promise<{ parts: string[] }> }): Promise<Response> {
  const user = await currentUser();
  if (!user) return new Response("Not Found", { status: 404, headers: { "content-type": "text/plain", "cache-control": "no-store" } });
  return serveGroupUpload(user, (await context.params).parts);
}
