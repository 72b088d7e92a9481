import { and, asc, eq } from "drizzle-orm";
import { epicIssues, epics, getDb, issueAssignees, issueLabels, issues, iterations, labels, milestones, zoomMeetings } from "@/lib/db";
import { issuableActivityOf } from "../support/issuable-activity";
import { anyOf, groupBy } from "../support/note-records";
import type { CollectionRelation } from "../support/types";
import { issueDesignsOf } from "./issue-designs";
import { issueRecord, type IssueTree } from "./issues-records";

const distinct = (ids: (number | null)[]) => [...new Set(ids.filter((id): id is number => id !== null))];

/** The issues of one batch with everything nested in them: a fixed number of queries, whatever the batch holds. */
async function issueTrees(projectId: number, ids: readonly number[]): Promise<IssueTree[]> {
  const db = getDb();
  const rows = await db.select().from(issues).where(and(eq(issues.projectId, projectId), anyOf(issues.id, ids))).orderBy(asc(issues.id));
  if (rows.length === 0) return [];
  const issueIds = rows.map((issue) => issue.id);
  const [assignees, linked, epicLinks, activityOf, meetings, designsOf] = await Promise.all([
    db.select().from(issueAssignees).where(anyOf(issueAssignees.issueId, issueIds)).orderBy(asc(issueAssignees.userId)),
    db.select({ issueId: issueLabels.issueId, label: labels }).from(issueLabels).innerJoin(labels, eq(labels.id, issueLabels.labelId)).where(anyOf(issueLabels.issueId, issueIds)).orderBy(asc(labels.id)),
    db.select({ link: epicIssues, epic: epics }).from(epicIssues).innerJoin(epics, eq(epics.id, epicIssues.epicId)).where(anyOf(epicIssues.issueId, issueIds)),
    issuableActivityOf("Issue", issueIds),
    db.select().from(zoomMeetings).where(anyOf(zoomMeetings.issueId, issueIds)).orderBy(asc(zoomMeetings.id)),
    issueDesignsOf(issueIds),
  ]);
  const milestoneIds = distinct(rows.map((issue) => issue.milestoneId));
  const iterationIds = distinct(rows.map((issue) => issue.iterationId));
  const [issueMilestones, issueIterations] = await Promise.all([
    milestoneIds.length ? db.select().from(milestones).where(anyOf(milestones.id, milestoneIds)) : [],
    iterationIds.length ? db.select().from(iterations).where(anyOf(iterations.id, iterationIds)) : [],
  ]);

  const milestoneById = new Map(issueMilestones.map((milestone) => [milestone.id, milestone]));
  const iterationById = new Map(issueIterations.map((iteration) => [iteration.id, iteration]));
  const epicByIssue = new Map(epicLinks.map((row) => [row.link.issueId, row]));
  const assigneesByIssue = groupBy(assignees, (row) => row.issueId);
  const labelsByIssue = groupBy(linked, (row) => row.issueId);
  const meetingsByIssue = groupBy(meetings, (meeting) => meeting.issueId);
  return rows.map((issue) => ({
    issue,
    milestone: issue.milestoneId === null ? undefined : milestoneById.get(issue.milestoneId),
    iteration: issue.iterationId === null ? undefined : iterationById.get(issue.iterationId),
    epic: epicByIssue.get(issue.id),
    assigneeIds: (assigneesByIssue.get(issue.id) ?? []).map((row) => row.userId),
    labels: (labelsByIssue.get(issue.id) ?? []).map((row) => row.label),
    zoomMeetings: meetingsByIssue.get(issue.id) ?? [],
    designs: designsOf(issue.id),
    // Spread last: with keys after it, each tree would get map transitions of its own (merged-record.ts).
    ...activityOf(issue.id),
  }));
}

/** A project's issues, in GitLab's project-export shape, batched by 1000 ids when asked (issues-records.ts). */
export const issuesRelation: CollectionRelation = {
  kind: "collection",
  name: "issues",
  async ids(projectId) {
    const rows = await getDb().select({ id: issues.id }).from(issues).where(eq(issues.projectId, projectId));
    return rows.map((row) => row.id).sort((a, b) => a - b);
  },
  async records(projectId, ids) {
    return (await issueTrees(projectId, ids)).map(issueRecord);
  },
};
