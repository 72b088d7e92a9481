import { apiRoute, badgeEntity, json, notFound, pathRowId, recordNotFound } from "@/lib/api";
import { findBadge } from "@/lib/content";
import { findGroup } from "@/lib/groups";

export const GET = apiRoute<{ id: string; badge_id: string }>("public", async ({ viewer, params }) => {
  const badgeId = pathRowId(params.badge_id, "badge_id");
  const group = await findGroup(viewer, params.id);
  if (!group) return notFound("Group Not");
  const badge = await findBadge({ groupId: group.id }, badgeId);
  return badge ? json(badgeEntity(badge)) : recordNotFound();
});
