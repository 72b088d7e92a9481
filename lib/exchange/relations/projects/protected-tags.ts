import { asc } from "drizzle-orm";
import { getDb, protectedTags } from "@/lib/db";
import { mergedRecord } from "../support/merged-record";
import { idsOf, iso, ownedIds } from "../support/record-ids";
import type { CollectionRelation } from "../support/types";
import { accessLevelRecords } from "./ref-access-levels";

/** `protected_tags: [:create_access_levels]`, as GitLab writes them. */
export const protectedTagsRelation: CollectionRelation = {
  kind: "collection",
  name: "protected_tags",
  ids: idsOf(protectedTags, protectedTags.id, protectedTags.projectId),
  async records(projectId, ids) {
    const rows = await getDb().select().from(protectedTags).where(ownedIds(protectedTags.id, protectedTags.projectId, projectId, ids)).orderBy(asc(protectedTags.id));
    return rows.map((rule) => mergedRecord(rule.sourceAttributes, {
      id: rule.id,
      project_id: rule.projectId,
      name: rule.name,
      created_at: iso(rule.createdAt),
      updated_at: iso(rule.updatedAt),
      create_access_levels: accessLevelRecords(rule.createAccessLevels, { protected_tag_id: rule.id }),
    }));
  },
};
