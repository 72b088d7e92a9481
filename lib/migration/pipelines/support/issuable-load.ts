import { copyRows, events, resourceLabelEvents, resourceMilestoneEvents, resourceStateEvents, timelogs, type Tx } from "@/lib/db";
import type { Owner } from "@/lib/content";
import type { SourceClient } from "@/lib/gitlab";
import { prepareSourceUsers, type SourceUserRef } from "../../source-users";
import type { IssuableActivity } from "./issuable-activity";
import type { EventInput, StateEventInput } from "./issuable-fields";
import { resolveLabels } from "./label-resolution";
import { resolveMilestones } from "./milestone-resolution";
import { awardRows, insertAwards, loadNotes } from "./notes";
import type { OwnerScope } from "./owner";
import { inOwnerTransaction } from "./owner-transaction";
import type { EntityContext } from "./types";

type UserOf = (sourceId: number | null) => number | null;
type TargetType = "Epic" | "Issue" | "MergeRequest";

// The column of resource events (and timelogs) that names each kind of target.
const TARGET_COLUMN = { Epic: "epicId", Issue: "issueId", MergeRequest: "mergeRequestId" } as const;

/**
 * The activity events and state events of issuables (epics, issues, merge requests) inserted just now: nothing of
 * theirs can be there yet, so they go in by COPY without a key of their own.
 */
export async function loadIssuableEvents(
  tx: Tx,
  fresh: readonly { id: number; events: readonly EventInput[]; stateEvents: readonly StateEventInput[] }[],
  context: { owner: Owner; targetType: TargetType; user: UserOf },
): Promise<void> {
  const { owner, targetType, user } = context;
  await copyRows(
    tx,
    events,
    fresh.flatMap(({ id, events: list }) =>
      list.map((event) => ({ authorId: user(event.authorId), action: event.action, targetType, targetId: id, sourceAttributes: event.sourceAttributes, createdAt: event.createdAt, updatedAt: event.updatedAt, ...owner })),
    ),
  );
  const target = TARGET_COLUMN[targetType];
  await copyRows(
    tx,
    resourceStateEvents,
    fresh.flatMap(({ id, stateEvents }) =>
      stateEvents.map((event) => ({ [target]: id, userId: user(event.userId), state: event.state, closeAfterError: event.closeAfterError, sourceAttributes: event.sourceAttributes, createdAt: event.createdAt, ...owner })),
    ),
  );
}

/** The labels a chunk of issuables names, on the issuables and in their label events. */
const labelsOf = (rows: readonly IssuableActivity[]) => rows.flatMap((row) => [...row.labels, ...row.labelEvents.flatMap((event) => (event.label ? [event.label] : []))]);

/** The milestones a chunk of issuables names, on the issuables and in their milestone events. */
const milestonesOf = (rows: readonly IssuableActivity[]) =>
  rows.flatMap((row) => [...(row.milestone ? [row.milestone] : []), ...row.milestoneEvents.flatMap((event) => (event.milestone ? [event.milestone] : []))]);

/** The labels and milestones a chunk of issuables names (their own and their events'), found or made: two queries. */
export async function resolveIssuableReferences(tx: Tx, scope: OwnerScope, rows: readonly IssuableActivity[]) {
  const labelIds = await resolveLabels(tx, scope, labelsOf(rows));
  const milestoneIds = await resolveMilestones(tx, scope, milestonesOf(rows));
  return { labelIds, milestoneIds };
}

/**
 * Maps the users a chunk of issuables names and makes the labels and milestones it names, each in short transactions
 * of their own before the chunk's: made inside it, their rows' locks would queue every concurrent chunk naming them
 * behind the first one's commit.
 */
export async function prepareIssuables(rows: readonly (IssuableActivity & { users: readonly SourceUserRef[] })[], { entity, client }: { entity: EntityContext; client: SourceClient }): Promise<void> {
  await prepareSourceUsers(client, entity, rows.flatMap((row) => row.users));
  await inOwnerTransaction(entity, (tx, scope) => resolveIssuableReferences(tx, scope, rows));
}

/**
 * Everything an issue or a merge request just inserted carries that they share: award emoji, notes (with theirs),
 * activity and state events, label and milestone events, and timelogs, under the issuable's new id. A fixed number of
 * statements for the chunk, whatever it holds.
 */
export async function loadIssuableActivity(
  tx: Tx,
  fresh: readonly { id: number; row: IssuableActivity }[],
  context: { owner: Owner; targetType: "Issue" | "MergeRequest"; entityId: number; user: UserOf; labelIds: Map<string, number>; milestoneIds: Map<string, number> },
): Promise<void> {
  const { owner, targetType, entityId, user, labelIds, milestoneIds } = context;
  const target = TARGET_COLUMN[targetType];
  await insertAwards(tx, fresh.flatMap(({ row, id }) => awardRows(targetType, id, row.awards, (userId) => user(userId)!)));
  await loadNotes(tx, fresh.map(({ row, id }) => ({ id, notes: row.notes })), { owner, noteableType: targetType, entityId, user });
  await loadIssuableEvents(tx, fresh.map(({ row, id }) => ({ id, events: row.events, stateEvents: row.stateEvents })), { owner, targetType, user });
  await copyRows(
    tx,
    resourceLabelEvents,
    fresh.flatMap(({ row, id }) =>
      row.labelEvents.map((event) => ({ [target]: id, labelId: event.label ? labelIds.get(event.label.title)! : null, userId: user(event.userId), action: event.action, sourceAttributes: event.sourceAttributes, createdAt: event.createdAt, ...owner })),
    ),
  );
  await copyRows(
    tx,
    resourceMilestoneEvents,
    fresh.flatMap(({ row, id }) =>
      row.milestoneEvents.map((event) => ({
        [target]: id,
        milestoneId: event.milestone ? milestoneIds.get(event.milestone.title)! : null,
        userId: user(event.userId),
        action: event.action,
        state: event.state,
        sourceAttributes: event.sourceAttributes,
        createdAt: event.createdAt,
        ...owner,
      })),
    ),
  );
  await copyRows(
    tx,
    timelogs,
    fresh.flatMap(({ row, id }) => row.timelogs.map((log) => ({ [target]: id, userId: user(log.userId), timeSpent: log.timeSpent, spentAt: log.spentAt, summary: log.summary, sourceAttributes: log.sourceAttributes, createdAt: log.createdAt, updatedAt: log.updatedAt }))),
  );
}
