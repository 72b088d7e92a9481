import { currentUser } from "@/lib/auth";
import { avatarHeaders, findGroup, readGroupAvatar } from "@/lib/groups";

export const dynamic = "force-dynamic";

const missing = () => new Response("Not Found", { status: 404, headers: { "content-type": "text/plain", "cache-control": "no-store" } });

/**
 * A group's avatar where GitLab serves it (the avatar_url of GET /groups/:id), for Ferry's pages: only to a signed-in
 * user who can see the group, and only under the file's current name.
 */
export async function GET(_request: Request, context: { params: Promise<{ id: string; filename: string }> }): Promise<Response> {
  const user = await currentUser();
  if (!user) return missing();
  const { id, filename } = await context.params;
  if (!/^\d+$/.test(id)) return missing();
  const group = await findGroup(user, Number(id));
  const avatar = group ? await readGroupAvatar(group) : null;
  if (!avatar || avatar.filename !== decodeURIComponent(filename)) return missing();
  return new Response(new Uint8Array(avatar.bytes), { headers: avatarHeaders(avatar, "inline") });
}
