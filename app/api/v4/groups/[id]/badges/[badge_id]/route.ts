import { apiRoute, badgeEntity, json, notFound } from "@/lib/api";
import { findBadge } from "@/lib/content";
import { findGroup } from "@/lib/groups";
import { invalidId, recordNotFound } from "../../boards/params";

export const GET = apiRoute<{ id: string; badge_id: string }>("read", async ({ identity, params }) => {
  if (!/^\d+$/.test(params.badge_id)) return invalidId("badge_id");
  const group = await findGroup(identity.user, decodeURIComponent(params.id));
  if (!group) return notFound("Group Not");
  const badge = await findBadge({ groupId: group.id }, Number(params.badge_id));
  return badge ? json(badgeEntity(badge)) : recordNotFound();
});
