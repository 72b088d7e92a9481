import { apiRoute, baseUrlOf, groupEntity, json, notFound } from "@/lib/api";
import { findGroup } from "@/lib/groups";

export const GET = apiRoute<{ id: string }>("read", async ({ request, identity, params }) => {
  const group = await findGroup(identity.user, decodeURIComponent(params.id));
  if (!group) return notFound("Group Not");
  return json(groupEntity(group, baseUrlOf(request)));
});
