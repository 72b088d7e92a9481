import { asc } from "drizzle-orm";
import { getDb, projectCustomAttributes } from "@/lib/db";
import { mergedRecord } from "../support/merged-record";
import { idsOf, iso, ownedIds } from "../support/record-ids";
import type { CollectionRelation } from "../support/types";

/** A project's custom attributes as GitLab's project export writes them (`custom_attributes`, all columns). */
export const customAttributesRelation: CollectionRelation = {
  kind: "collection",
  name: "custom_attributes",
  ids: idsOf(projectCustomAttributes, projectCustomAttributes.id, projectCustomAttributes.projectId),
  async records(projectId, ids) {
    const rows = await getDb()
      .select()
      .from(projectCustomAttributes)
      .where(ownedIds(projectCustomAttributes.id, projectCustomAttributes.projectId, projectId, ids))
      .orderBy(asc(projectCustomAttributes.id));
    return rows.map((row) => mergedRecord(row.sourceAttributes, {
      id: row.id,
      created_at: iso(row.createdAt),
      updated_at: iso(row.updatedAt),
      project_id: row.projectId,
      key: row.key,
      value: row.value,
    }));
  },
};
