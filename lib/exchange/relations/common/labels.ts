import { asc } from "drizzle-orm";
import { labelTextColor, type Label, type Owner } from "@/lib/content";
import { getDb, labels } from "@/lib/db";
import { mergedRecord } from "../support/merged-record";
import { iso, ownerIds, ownerIdsOf } from "../support/record-ids";
import type { CollectionRelation, ExportRecord } from "../support/types";

/**
 * A label as GitLab's group export writes it (`labels`, with the `type` method). The record starts from what a label
 * made in Ferry has, takes back every field the source sent that has no column, and ends with the columns and Ferry's
 * own ids, which win: an imported label goes out as it came in, with this instance's identity.
 */
export function labelRecord(label: Label): ExportRecord {
  return mergedRecord(
    {
      id: label.id,
      title: label.title,
      color: label.color,
      project_id: label.projectId,
      created_at: iso(label.createdAt),
      updated_at: iso(label.updatedAt),
      template: false,
      description: label.description,
      group_id: label.groupId,
      type: label.projectId !== null ? "ProjectLabel" : "GroupLabel",
      priorities: [],
      textColor: labelTextColor(label),
    },
    label.sourceAttributes,
    {
      id: label.id,
      title: label.title,
      color: label.color,
      created_at: iso(label.createdAt),
      updated_at: iso(label.updatedAt),
      description: label.description,
      group_id: label.groupId,
      project_id: label.projectId,
    },
  );
}

export const labelsRelation: CollectionRelation<Owner> = {
  kind: "collection",
  name: "labels",
  ids: ownerIdsOf(labels, labels.id),
  async records(owner, ids) {
    const rows = await getDb().select().from(labels).where(ownerIds(labels, labels.id, owner, ids)).orderBy(asc(labels.id));
    return rows.map(labelRecord);
  },
};
