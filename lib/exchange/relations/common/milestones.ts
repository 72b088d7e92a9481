import { asc } from "drizzle-orm";
import type { Milestone, Owner } from "@/lib/content";
import { getDb, milestones } from "@/lib/db";
import { mergedRecord } from "../support/merged-record";
import { iso, ownerIds, ownerIdsOf } from "../support/record-ids";
import type { CollectionRelation, ExportRecord } from "../support/types";

/** A milestone as GitLab's group export writes it: Ferry's defaults, then the source's extra fields, then columns. */
export function milestoneRecord(milestone: Milestone): ExportRecord {
  const columns = {
    id: milestone.id,
    title: milestone.title,
    description: milestone.description,
    due_date: milestone.dueDate,
    created_at: iso(milestone.createdAt),
    updated_at: iso(milestone.updatedAt),
    state: milestone.state,
    iid: milestone.iid,
    start_date: milestone.startDate,
    group_id: milestone.groupId,
  };
  // GitLab's key order: id, title, project_id, description, due_date, ... group_id.
  const order = { id: milestone.id, title: milestone.title, project_id: milestone.projectId };
  return mergedRecord(order, columns, milestone.sourceAttributes, columns, { project_id: milestone.projectId });
}

export const milestonesRelation: CollectionRelation<Owner> = {
  kind: "collection",
  name: "milestones",
  ids: ownerIdsOf(milestones, milestones.id),
  async records(owner, ids) {
    const rows = await getDb()
      .select()
      .from(milestones)
      .where(ownerIds(milestones, milestones.id, owner, ids))
      .orderBy(asc(milestones.id));
    return rows.map(milestoneRecord);
  },
};
