import { apiRoute, notFound } from "@/lib/api";
import { avatarHeaders, findGroup, readGroupAvatar } from "@/lib/groups";

/** GET /groups/:id/avatar (GitLab 14.0+): the group's avatar file, what a direct-transfer importer downloads; public. */
export const GET = apiRoute<{ id: string }>("public", async ({ viewer, params }) => {
  const group = await findGroup(viewer, params.id);
  if (!group) return notFound("Group Not");
  const avatar = await readGroupAvatar(group);
  if (!avatar) return notFound("Avatar Not");
  return new Response(new Uint8Array(avatar.bytes), { headers: avatarHeaders(avatar, "attachment") });
});
