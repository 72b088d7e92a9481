import { and, asc, eq } from "drizzle-orm";
import { type awardEmoji, events, getDb, labels, milestones, resourceLabelEvents, resourceMilestoneEvents, resourceStateEvents, timelogs } from "@/lib/db";
import { anyOf, awardsOf, groupBy, noteTreesOf, type NoteTree } from "./note-records";

type Label = typeof labels.$inferSelect;
type Milestone = typeof milestones.$inferSelect;

/** What issues and merge requests both carry in an export: award emoji, notes, events, resource events, timelogs. */
export interface IssuableActivityTree {
  awards: (typeof awardEmoji.$inferSelect)[];
  notes: NoteTree[];
  events: (typeof events.$inferSelect)[];
  stateEvents: (typeof resourceStateEvents.$inferSelect)[];
  labelEvents: { event: typeof resourceLabelEvents.$inferSelect; label: Label | null }[];
  milestoneEvents: { event: typeof resourceMilestoneEvents.$inferSelect; milestone: Milestone | null }[];
  timelogs: (typeof timelogs.$inferSelect)[];
}

/**
 * The activity of these issues or merge requests, by their id: a fixed number of queries, whatever their number (the
 * resource events and timelogs by their target's column and its partial index).
 */
export async function issuableActivityOf(targetType: "Issue" | "MergeRequest", ids: readonly number[]): Promise<(id: number) => IssuableActivityTree> {
  const db = getDb();
  const target = targetType === "Issue" ? { state: resourceStateEvents.issueId, label: resourceLabelEvents.issueId, milestone: resourceMilestoneEvents.issueId, timelog: timelogs.issueId } : { state: resourceStateEvents.mergeRequestId, label: resourceLabelEvents.mergeRequestId, milestone: resourceMilestoneEvents.mergeRequestId, timelog: timelogs.mergeRequestId };
  const [awards, notes, activity, stateEvents, labelEvents, milestoneEvents, logs] = await Promise.all([
    awardsOf(targetType, ids),
    noteTreesOf(targetType, ids),
    db.select().from(events).where(and(eq(events.targetType, targetType), anyOf(events.targetId, ids))).orderBy(asc(events.id)),
    db.select().from(resourceStateEvents).where(anyOf(target.state, ids)).orderBy(asc(resourceStateEvents.id)),
    db.select({ event: resourceLabelEvents, label: labels }).from(resourceLabelEvents).leftJoin(labels, eq(labels.id, resourceLabelEvents.labelId)).where(anyOf(target.label, ids)).orderBy(asc(resourceLabelEvents.id)),
    db.select({ event: resourceMilestoneEvents, milestone: milestones }).from(resourceMilestoneEvents).leftJoin(milestones, eq(milestones.id, resourceMilestoneEvents.milestoneId)).where(anyOf(target.milestone, ids)).orderBy(asc(resourceMilestoneEvents.id)),
    db.select().from(timelogs).where(anyOf(target.timelog, ids)).orderBy(asc(timelogs.id)),
  ]);
  const of = targetType === "Issue" ? "issueId" : "mergeRequestId";
  const eventsById = groupBy(activity, (event) => event.targetId!);
  const stateById = groupBy(stateEvents, (event) => event[of]!);
  const labelById = groupBy(labelEvents, (row) => row.event[of]!);
  const milestoneById = groupBy(milestoneEvents, (row) => row.event[of]!);
  const logsById = groupBy(logs, (log) => log[of]!);
  return (id) => ({
    awards: awards.get(id) ?? [],
    notes: notes.get(id) ?? [],
    events: eventsById.get(id) ?? [],
    stateEvents: stateById.get(id) ?? [],
    labelEvents: labelById.get(id) ?? [],
    milestoneEvents: milestoneById.get(id) ?? [],
    timelogs: logsById.get(id) ?? [],
  });
}
