import { asc } from "drizzle-orm";
import { badges, getDb } from "@/lib/db";
import type { Badge } from "@/lib/groups";
import { idsOf, iso, ownedIds } from "../support/record-ids";
import type { CollectionRelation, ExportRecord } from "../support/types";

/** A badge as GitLab's group export writes it (`badges`, with the `type` method): defaults, the source's extras, columns. */
export function badgeRecord(badge: Badge): ExportRecord {
  const columns = {
    id: badge.id,
    link_url: badge.linkUrl,
    image_url: badge.imageUrl,
    group_id: badge.groupId,
    created_at: iso(badge.createdAt),
    updated_at: iso(badge.updatedAt),
    name: badge.name,
  };
  return {
    ...{ id: badge.id, link_url: badge.linkUrl, image_url: badge.imageUrl, project_id: null, group_id: badge.groupId, created_at: columns.created_at, updated_at: columns.updated_at, type: "GroupBadge", name: badge.name },
    ...badge.sourceAttributes,
    ...columns,
  };
}

export const badgesRelation: CollectionRelation = {
  kind: "collection",
  name: "badges",
  ids: idsOf(badges, badges.id, badges.groupId),
  async records(groupId, ids) {
    const rows = await getDb().select().from(badges).where(ownedIds(badges.id, badges.groupId, groupId, ids)).orderBy(asc(badges.id));
    return rows.map(badgeRecord);
  },
};
