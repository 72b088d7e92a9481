import { sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { awardEmoji, boardLists, boards, ciBuilds, ciPipelines, type Db, designVersions, epics, events, groupMembers, issueAssignees, issues, mergeRequestApprovals, mergeRequestAssignees, mergeRequestMetrics, mergeRequestReviewers, mergeRequests, notes, pipelineSchedules, projectMembers, resourceLabelEvents, resourceMilestoneEvents, resourceStateEvents, timelogs, type Tx } from "@/lib/db";


/**
 * A column that points at the user a source user was mapped to (a member, an author, an assignee...). Reassigning a
 * placeholder moves every row of every reference here, and the Placeholders page counts contributions from them: a
 * new relation with an author (epics, notes) adds one entry and is handled everywhere.
 */
export interface UserReference {
  key: string;
  /** Shown in the contributions breakdown. */
  label: string;
  table: PgTable;
  column: PgColumn;
  /** For tables where one user may appear once per scope: how to merge instead of a plain UPDATE. */
  reassign?: (tx: Tx, from: number, to: number) => Promise<void>;
}

/**
 * A placeholder's memberships become the real user's. Where the real user is already a member of that group (or
 * project), the higher access level and the later expiry (none beats any) are kept on their row, and the
 * placeholder's goes.
 */
function mergeMemberships(table: typeof groupMembers | typeof projectMembers, owner: "group_id" | "project_id") {
  const by = sql.identifier(owner);
  return async (tx: Tx, from: number, to: number): Promise<void> => {
    await tx.execute(sql`
      UPDATE ${table} AS t
      SET access_level = GREATEST(t.access_level, p.access_level),
          expires_at = CASE WHEN t.expires_at IS NULL OR p.expires_at IS NULL THEN NULL ELSE GREATEST(t.expires_at, p.expires_at) END
      FROM ${table} AS p
      WHERE p.user_id = ${from} AND t.user_id = ${to} AND t.${by} = p.${by}`);
    await tx.execute(sql`
      DELETE FROM ${table} AS p
      USING ${table} AS t
      WHERE p.user_id = ${from} AND t.user_id = ${to} AND t.${by} = p.${by}`);
    await tx.execute(sql`UPDATE ${table} SET user_id = ${to} WHERE user_id = ${from}`);
  };
}

/** A user awards an emoji once per thing: where the real user already gave the placeholder's, the placeholder's goes. */
async function mergeAwardEmoji(tx: Tx, from: number, to: number): Promise<void> {
  await tx.execute(sql`
    DELETE FROM ${awardEmoji} AS p
    USING ${awardEmoji} AS t
    WHERE p.user_id = ${from} AND t.user_id = ${to} AND t.awardable_type = p.awardable_type AND t.awardable_id = p.awardable_id AND t.name = p.name`);
  await tx.execute(sql`UPDATE ${awardEmoji} SET user_id = ${to} WHERE user_id = ${from}`);
}

/**
 * A link table that has a user once per thing (an issue's assignees, a merge request's reviewers...): where the real
 * user is already linked, the placeholder's row goes.
 */
function mergeUserLinks(table: PgTable, thing: string) {
  const by = sql.identifier(thing);
  return async (tx: Tx, from: number, to: number): Promise<void> => {
    await tx.execute(sql`
      DELETE FROM ${table} AS p
      USING ${table} AS t
      WHERE p.user_id = ${from} AND t.user_id = ${to} AND t.${by} = p.${by}`);
    await tx.execute(sql`UPDATE ${table} SET user_id = ${to} WHERE user_id = ${from}`);
  };
}

/** A board has one list per assignee: where the real user already has one on that board, the placeholder's goes. */
async function mergeAssigneeLists(tx: Tx, from: number, to: number): Promise<void> {
  await tx.execute(sql`
    DELETE FROM ${boardLists} AS p
    USING ${boardLists} AS t
    WHERE p.user_id = ${from} AND t.user_id = ${to} AND t.board_id = p.board_id`);
  await tx.execute(sql`UPDATE ${boardLists} SET user_id = ${to} WHERE user_id = ${from}`);
}

export const USER_REFERENCES: readonly UserReference[] = [
  { key: "memberships", label: "Memberships", table: groupMembers, column: groupMembers.userId, reassign: mergeMemberships(groupMembers, "group_id") },
  { key: "projectMemberships", label: "Project memberships", table: projectMembers, column: projectMembers.userId, reassign: mergeMemberships(projectMembers, "project_id") },
  { key: "epics", label: "Epics", table: epics, column: epics.authorId },
  { key: "epicsClosed", label: "Closed epics", table: epics, column: epics.closedById },
  { key: "epicsEdited", label: "Edited epics", table: epics, column: epics.lastEditedById },
  { key: "issues", label: "Issues", table: issues, column: issues.authorId },
  { key: "issuesClosed", label: "Closed issues", table: issues, column: issues.closedById },
  { key: "issuesUpdated", label: "Updated issues", table: issues, column: issues.updatedById },
  { key: "issuesEdited", label: "Edited issues", table: issues, column: issues.lastEditedById },
  { key: "issueAssignees", label: "Issue assignments", table: issueAssignees, column: issueAssignees.userId, reassign: mergeUserLinks(issueAssignees, "issue_id") },
  { key: "designVersions", label: "Design versions", table: designVersions, column: designVersions.authorId },
  { key: "mergeRequests", label: "Merge requests", table: mergeRequests, column: mergeRequests.authorId },
  { key: "mergeRequestsUpdated", label: "Updated merge requests", table: mergeRequests, column: mergeRequests.updatedById },
  { key: "mergeRequestsEdited", label: "Edited merge requests", table: mergeRequests, column: mergeRequests.lastEditedById },
  { key: "mergeRequestsMergeUser", label: "Merge requests set to merge", table: mergeRequests, column: mergeRequests.mergeUserId },
  { key: "mergeRequestAssignees", label: "Merge request assignments", table: mergeRequestAssignees, column: mergeRequestAssignees.userId, reassign: mergeUserLinks(mergeRequestAssignees, "merge_request_id") },
  { key: "mergeRequestReviewers", label: "Merge request reviews", table: mergeRequestReviewers, column: mergeRequestReviewers.userId, reassign: mergeUserLinks(mergeRequestReviewers, "merge_request_id") },
  { key: "mergeRequestApprovals", label: "Merge request approvals", table: mergeRequestApprovals, column: mergeRequestApprovals.userId, reassign: mergeUserLinks(mergeRequestApprovals, "merge_request_id") },
  { key: "mergeRequestsMerged", label: "Merged merge requests", table: mergeRequestMetrics, column: mergeRequestMetrics.mergedById },
  { key: "mergeRequestsClosed", label: "Closed merge requests", table: mergeRequestMetrics, column: mergeRequestMetrics.latestClosedById },
  { key: "timelogs", label: "Time spent", table: timelogs, column: timelogs.userId },
  { key: "labelEvents", label: "Label changes", table: resourceLabelEvents, column: resourceLabelEvents.userId },
  { key: "milestoneEvents", label: "Milestone changes", table: resourceMilestoneEvents, column: resourceMilestoneEvents.userId },
  { key: "notes", label: "Notes", table: notes, column: notes.authorId },
  { key: "resolvedNotes", label: "Resolved threads", table: notes, column: notes.resolvedById },
  { key: "awardEmoji", label: "Emoji reactions", table: awardEmoji, column: awardEmoji.userId, reassign: mergeAwardEmoji },
  { key: "events", label: "Activity events", table: events, column: events.authorId },
  { key: "stateEvents", label: "State changes", table: resourceStateEvents, column: resourceStateEvents.userId },
  { key: "boardScopes", label: "Board assignee scopes", table: boards, column: boards.assigneeId },
  { key: "pipelineSchedules", label: "Pipeline schedules", table: pipelineSchedules, column: pipelineSchedules.ownerId },
  { key: "pipelines", label: "CI pipelines", table: ciPipelines, column: ciPipelines.userId },
  { key: "jobs", label: "CI jobs", table: ciBuilds, column: ciBuilds.userId },
  { key: "boardLists", label: "Assignee board lists", table: boardLists, column: boardLists.userId, reassign: mergeAssigneeLists },
];

export async function moveReferences(tx: Tx, from: number, to: number): Promise<void> {
  for (const ref of USER_REFERENCES) {
    if (ref.reassign) await ref.reassign(tx, from, to);
    else await tx.execute(sql`UPDATE ${ref.table} SET ${sql.identifier(ref.column.name)} = ${to} WHERE ${ref.column} = ${from}`);
  }
}

/** Contributions per user and reference, e.g. `{ 12: { memberships: 3 } }`, for the given users. */
export async function countReferences(db: Db | Tx, userIds: number[]): Promise<Map<number, Record<string, number>>> {
  const counts = new Map<number, Record<string, number>>(userIds.map((id) => [id, {}]));
  if (userIds.length === 0) return counts;
  for (const ref of USER_REFERENCES) {
    const result = await db.execute<{ user_id: number; count: number }>(sql`
      SELECT ${ref.column} AS user_id, count(*)::int AS count FROM ${ref.table}
      WHERE ${ref.column} IN (${sql.join(userIds.map((id) => sql`${id}`), sql`, `)})
      GROUP BY ${ref.column}`);
    for (const row of result.rows) counts.get(Number(row.user_id))![ref.key] = Number(row.count);
  }
  return counts;
}
