import { and, eq, inArray, sql } from "drizzle-orm";
import { bulkInsert, copyRows, epicIssues, epics, issueAssignees, issueLabels, issues, iterations, type Tx, zoomMeetings } from "@/lib/db";
import { mapSourceUsers } from "../../source-users";
import { loadIssuableActivity, resolveIssuableReferences } from "../support/issuable-load";
import { insertNew } from "../support/insert-by-import-key";
import { ownerOf, ownerScope, type OwnerScope } from "../support/owner";
import type { EntityContext } from "../support/types";
import { loadIssueDesigns } from "./issue-designs-load";
import type { IssueRow } from "./issues-transform";

// A row that is there already (a replayed chunk's links, by their primary keys) is skipped.
const skipExisting = sql`ON CONFLICT DO NOTHING`;

/** The epics of the project's groups with these iids, the nearest group's winning (one query for the chunk). */
async function epicsByIid(tx: Tx, scope: OwnerScope, iids: number[]): Promise<Map<number, number>> {
  if (iids.length === 0 || scope.groupIds.length === 0) return new Map();
  const rows = await tx.select({ id: epics.id, iid: epics.iid, groupId: epics.groupId }).from(epics).where(and(inArray(epics.groupId, scope.groupIds), inArray(epics.iid, iids)));
  rows.sort((a, b) => scope.groupIds.indexOf(a.groupId) - scope.groupIds.indexOf(b.groupId));
  return new Map(rows.map((row) => [row.iid, row.id]));
}

/** An iteration of the project's groups, by title when the export has one, else by its dates (as board scopes find theirs). */
async function iterationOf(tx: Tx, scope: OwnerScope, ref: NonNullable<IssueRow["iteration"]>): Promise<number | null> {
  if (scope.groupIds.length === 0) return null;
  const where = ref.title !== null ? eq(iterations.title, ref.title) : ref.startDate && ref.dueDate ? and(eq(iterations.startDate, ref.startDate), eq(iterations.dueDate, ref.dueDate)) : undefined;
  if (!where) return null;
  const rows = await tx.select({ id: iterations.id, groupId: iterations.groupId }).from(iterations).where(and(inArray(iterations.groupId, scope.groupIds), where));
  rows.sort((a, b) => scope.groupIds.indexOf(b.groupId) - scope.groupIds.indexOf(a.groupId));
  return rows[0]?.id ?? null;
}

const without = (attributes: Record<string, unknown>, drop: (string | false)[]) => Object.fromEntries(Object.entries(attributes).filter(([key]) => !drop.includes(key)));

/**
 * Loads a chunk of issues in one transaction: maps the users they name, finds (or makes, as GitLab does) their labels
 * and milestones, finds their epics and iterations, inserts the issues not imported yet (by import key) and, for those
 * only, everything nested in them. An issue and its nested records commit together, so an issue already there has all
 * of them and a replayed chunk inserts nothing. A reference found nowhere (an epic or iteration this import did not
 * bring) stays in the issue's kept record, so that it is not lost and goes out again in an export.
 */
export async function loadIssues(tx: Tx, rows: IssueRow[], entity: EntityContext): Promise<void> {
  const owner = ownerOf(entity);
  const scope = await ownerScope(tx, owner);
  const mapped = await mapSourceUsers(tx, { sourceUrl: entity.sourceUrl, rootGroupId: scope.groupIds[0]! }, rows.flatMap((row) => row.users));
  const user = (id: number | null) => (id === null ? null : (mapped.get(id) ?? null));
  const { labelIds, milestoneIds } = await resolveIssuableReferences(tx, scope, rows);
  const epicIds = await epicsByIid(tx, scope, [...new Set(rows.flatMap((row) => (row.epic ? [row.epic.iid] : [])))]);
  const iterationIds = await Promise.all(rows.map((row) => (row.iteration ? iterationOf(tx, scope, row.iteration) : null)));

  const values = rows.map((row, index) => {
    const milestoneId = row.milestone ? (milestoneIds.get(row.milestone.title) ?? null) : null;
    const iterationId = iterationIds[index] ?? null;
    const epicId = row.epic ? epicIds.get(row.epic.iid) : undefined;
    return Object.assign({}, row.values, {
      sourceAttributes: without(row.values.sourceAttributes ?? {}, [milestoneId !== null && "milestone", iterationId !== null && "iteration", epicId !== undefined && "epic_issue"]),
      authorId: user(row.authorId),
      closedById: user(row.closedById),
      updatedById: user(row.updatedById),
      lastEditedById: user(row.lastEditedById),
      milestoneId,
      iterationId,
    });
  });
  const ids = await insertNew(tx, issues, values, { ids: true });
  const fresh = rows.flatMap((row) => {
    const id = ids.get(row.values.importKey);
    return id === undefined ? [] : [{ row, id }];
  });
  if (fresh.length === 0) return;

  await bulkInsert(tx, issueAssignees, fresh.flatMap(({ row, id }) => [...new Set(row.assigneeIds.map((sourceId) => user(sourceId)!))].map((userId) => ({ issueId: id, userId }))), skipExisting);
  await bulkInsert(tx, issueLabels, fresh.flatMap(({ row, id }) => row.labels.map((label) => ({ issueId: id, labelId: labelIds.get(label.title)! }))), skipExisting);
  await bulkInsert(
    tx,
    epicIssues,
    fresh.flatMap(({ row, id }) => {
      const epicId = row.epic ? epicIds.get(row.epic.iid) : undefined;
      return epicId === undefined ? [] : [{ issueId: id, epicId, relativePosition: row.epic!.relativePosition, sourceAttributes: row.epic!.sourceAttributes }];
    }),
    skipExisting,
  );
  await loadIssuableActivity(tx, fresh, { owner, targetType: "Issue", entityId: entity.entityId, user, labelIds, milestoneIds });
  await loadIssueDesigns(tx, fresh, { projectId: owner.projectId!, entityId: entity.entityId, user });
  // Rows of issues inserted just now: nothing of theirs can be there yet.
  await copyRows(
    tx,
    zoomMeetings,
    fresh.flatMap(({ row, id }) => row.zoomMeetings.map((meeting) => ({ issueId: id, url: meeting.url, issueStatus: meeting.issueStatus, sourceAttributes: meeting.sourceAttributes, createdAt: meeting.createdAt, updatedAt: meeting.updatedAt }))),
  );
}
