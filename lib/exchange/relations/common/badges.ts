import { asc } from "drizzle-orm";
import type { Badge, Owner } from "@/lib/content";
import { badges, getDb } from "@/lib/db";
import { mergedRecord } from "../support/merged-record";
import { iso, ownerIds, ownerIdsOf } from "../support/record-ids";
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
    project_id: badge.projectId,
  };
  return mergedRecord(
    { id: badge.id, link_url: badge.linkUrl, image_url: badge.imageUrl, project_id: badge.projectId, group_id: badge.groupId, created_at: columns.created_at, updated_at: columns.updated_at, type: badge.projectId !== null ? "ProjectBadge" : "GroupBadge", name: badge.name },
    badge.sourceAttributes,
    columns,
  );
}

export const badgesRelation: CollectionRelation<Owner> = {
  kind: "collection",
  name: "badges",
  ids: ownerIdsOf(badges, badges.id),
  async records(owner, ids) {
    const rows = await getDb().select().from(badges).where(ownerIds(badges, badges.id, owner, ids)).orderBy(asc(badges.id));
    return rows.map(badgeRecord);
  },
};
