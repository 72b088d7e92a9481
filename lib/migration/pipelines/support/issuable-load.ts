import { copyRows, events, resourceStateEvents, type Tx } from "@/lib/db";
import type { Owner } from "@/lib/content";
import type { EventInput, StateEventInput } from "./issuable-fields";

type UserOf = (sourceId: number | null) => number | null;

/**
 * The activity events and state events of issuables (epics, issues) inserted just now: nothing of theirs can be there
 * yet, so they go in by COPY without a key of their own.
 */
export async function loadIssuableEvents(
  tx: Tx,
  fresh: readonly { id: number; events: readonly EventInput[]; stateEvents: readonly StateEventInput[] }[],
  context: { owner: Owner; targetType: "Epic" | "Issue"; user: UserOf },
): Promise<void> {
  const { owner, targetType, user } = context;
  await copyRows(
    tx,
    events,
    fresh.flatMap(({ id, events: list }) =>
      list.map((event) => ({ ...owner, authorId: user(event.authorId), action: event.action, targetType, targetId: id, sourceAttributes: event.sourceAttributes, createdAt: event.createdAt, updatedAt: event.updatedAt })),
    ),
  );
  const target = targetType === "Epic" ? "epicId" : "issueId";
  await copyRows(
    tx,
    resourceStateEvents,
    fresh.flatMap(({ id, stateEvents }) =>
      stateEvents.map((event) => ({ ...owner, [target]: id, userId: user(event.userId), state: event.state, closeAfterError: event.closeAfterError, sourceAttributes: event.sourceAttributes, createdAt: event.createdAt })),
    ),
  );
}
