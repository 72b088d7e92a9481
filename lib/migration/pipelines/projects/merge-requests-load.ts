import { sql } from "drizzle-orm";
import { bulkInsert, copyRows, mergeRequestApprovals, mergeRequestAssignees, mergeRequestDiffCommits, mergeRequestDiffFiles, mergeRequestDiffs, mergeRequestLabels, mergeRequestMetrics, mergeRequestReviewers, mergeRequests, type Tx } from "@/lib/db";
import { mapSourceUsers } from "../../source-users";
import { loadIssuableActivity, resolveIssuableReferences } from "../support/issuable-load";
import { allocateIds, insertNew } from "../support/insert-by-import-key";
import { ownerOf, ownerScope } from "../support/owner";
import type { EntityContext } from "../support/types";
import type { MergeRequestRow, MergeRequestUserInput } from "./merge-requests-transform";

// A row that is there already (a replayed chunk's links, by their primary keys) is skipped.
const skipExisting = sql`ON CONFLICT DO NOTHING`;

const without = (attributes: Record<string, unknown>, drop: (string | false)[]) => Object.fromEntries(Object.entries(attributes).filter(([key]) => !drop.includes(key)));

/**
 * Loads a chunk of merge requests in one transaction: maps the users they name, finds (or makes) their labels and
 * milestones, inserts the merge requests not imported yet (by import key) and, for those only, everything nested in
 * them: assignees, reviewers, approvals, labels, metrics, the latest diff with its commits and files, and what issues
 * have too (notes with their diff files and suggestions, award emoji, events, resource events, timelogs). A merge
 * request and its nested records commit together, so one already there has all of them and a replayed chunk inserts
 * nothing. A fixed number of statements per chunk; the diff files go in by COPY, streamed in pieces.
 */
export async function loadMergeRequests(tx: Tx, rows: MergeRequestRow[], entity: EntityContext): Promise<void> {
  const owner = ownerOf(entity);
  const scope = await ownerScope(tx, owner);
  const mapped = await mapSourceUsers(tx, { sourceUrl: entity.sourceUrl, rootGroupId: scope.groupIds[0]! }, rows.flatMap((row) => row.users));
  const user = (id: number | null) => (id === null ? null : (mapped.get(id) ?? null));
  const { labelIds, milestoneIds } = await resolveIssuableReferences(tx, scope, rows);

  const values = rows.map((row) => {
    const milestoneId = row.milestone ? (milestoneIds.get(row.milestone.title) ?? null) : null;
    return Object.assign({}, row.values, {
      sourceAttributes: without(row.values.sourceAttributes ?? {}, [milestoneId !== null && "milestone"]),
      authorId: user(row.authorId),
      updatedById: user(row.updatedById),
      lastEditedById: user(row.lastEditedById),
      mergeUserId: user(row.mergeUserId),
      milestoneId,
    });
  });
  const ids = await insertNew(tx, mergeRequests, values, { ids: true });
  const fresh = rows.flatMap((row) => {
    const id = ids.get(row.values.importKey);
    return id === undefined ? [] : [{ row, id }];
  });
  if (fresh.length === 0) return;

  // Two source users may map to one account (both to the importing user, say): one row per account.
  const people = (pick: (row: MergeRequestRow) => MergeRequestUserInput[]) =>
    fresh.flatMap(({ row, id }) => [...new Map(pick(row).map((item) => [user(item.userId)!, item])).entries()].map(([userId, item]) => ({ mergeRequestId: id, userId, item })));
  await bulkInsert(tx, mergeRequestAssignees, people((row) => row.assignees).map(({ mergeRequestId, userId, item }) => ({ mergeRequestId, userId, createdAt: item.createdAt })), skipExisting);
  await bulkInsert(tx, mergeRequestReviewers, people((row) => row.reviewers).map(({ mergeRequestId, userId, item }) => ({ mergeRequestId, userId, state: item.state ?? undefined, createdAt: item.createdAt })), skipExisting);
  await bulkInsert(tx, mergeRequestApprovals, people((row) => row.approvals).map(({ mergeRequestId, userId, item }) => ({ mergeRequestId, userId, createdAt: item.createdAt })), skipExisting);
  await bulkInsert(tx, mergeRequestLabels, fresh.flatMap(({ row, id }) => row.labels.map((label) => ({ mergeRequestId: id, labelId: labelIds.get(label.title)! }))), skipExisting);
  await copyRows(
    tx,
    mergeRequestMetrics,
    fresh.flatMap(({ row, id }) => {
      const metrics = row.metrics;
      if (!metrics) return [];
      const { mergedById, latestClosedById, ...rest } = metrics;
      return [{ mergeRequestId: id, mergedById: user(mergedById), latestClosedById: user(latestClosedById), ...rest }];
    }),
  );
  await loadDiffs(tx, fresh);
  await loadIssuableActivity(tx, fresh, { owner, targetType: "MergeRequest", entityId: entity.entityId, user, labelIds, milestoneIds });
}

/** The latest diff of each merge request inserted just now, with its commits and files: three COPYs. */
async function loadDiffs(tx: Tx, fresh: readonly { row: MergeRequestRow; id: number }[]): Promise<void> {
  const withDiff = fresh.filter(({ row }) => row.diff !== null);
  const diffIds = await allocateIds(tx, mergeRequestDiffs, withDiff.length);
  const diffs = withDiff.map(({ row, id }, index) => ({ diffId: diffIds[index]!, mergeRequestId: id, diff: row.diff! }));
  await copyRows(tx, mergeRequestDiffs, diffs.map(({ diffId, mergeRequestId, diff }) => Object.assign({}, diff.values, { id: diffId, mergeRequestId })));
  await copyRows(tx, mergeRequestDiffCommits, diffs.flatMap(({ diffId, diff }) => diff.commits.map((commit) => Object.assign({}, commit, { mergeRequestDiffId: diffId }))));
  await copyRows(tx, mergeRequestDiffFiles, diffs.flatMap(({ diffId, diff }) => diff.files.map((file) => Object.assign({}, file, { mergeRequestDiffId: diffId }))));
}
