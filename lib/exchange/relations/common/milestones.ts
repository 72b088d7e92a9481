import { asc } from "drizzle-orm";
import { getDb, milestones } from "@/lib/db";
import type { Milestone } from "@/lib/groups";
import { idsOf, iso, ownedIds } from "../support/record-ids";
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
  const { id, title, ...rest } = columns;
  return {
    ...{ id, title, project_id: null, ...rest },
    ...milestone.sourceAttributes,
    ...columns,
  };
}

export const milestonesRelation: CollectionRelation = {
  kind: "collection",
  name: "milestones",
  ids: idsOf(milestones, milestones.id, milestones.groupId),
  async records(groupId, ids) {
    const rows = await getDb()
      .select()
      .from(milestones)
      .where(ownedIds(milestones.id, milestones.groupId, groupId, ids))
      .orderBy(asc(milestones.id));
    return rows.map(milestoneRecord);
  },
};
