import { and, asc, eq } from "drizzle-orm";
import { getDb, labels, mergeRequestApprovals, mergeRequestAssignees, mergeRequestDiffCommits, mergeRequestDiffFiles, mergeRequestDiffs, mergeRequestLabels, mergeRequestMetrics, mergeRequestReviewers, mergeRequests, milestones } from "@/lib/db";
import { issuableActivityOf } from "../support/issuable-activity";
import { anyOf, groupBy } from "../support/note-records";
import type { CollectionRelation } from "../support/types";
import { mergeRequestRecord, type MergeRequestTree } from "./merge-requests-records";

/** The merge requests of one batch with everything nested in them: a fixed number of queries, whatever the batch holds. */
async function mergeRequestTrees(projectId: number, ids: readonly number[]): Promise<MergeRequestTree[]> {
  const db = getDb();
  const rows = await db.select().from(mergeRequests).where(and(eq(mergeRequests.projectId, projectId), anyOf(mergeRequests.id, ids))).orderBy(asc(mergeRequests.id));
  if (rows.length === 0) return [];
  const mrIds = rows.map((mr) => mr.id);
  const milestoneIds = [...new Set(rows.flatMap((mr) => (mr.milestoneId === null ? [] : [mr.milestoneId])))];
  const [assignees, reviewers, approvals, linked, metrics, diffs, activityOf, mrMilestones] = await Promise.all([
    db.select().from(mergeRequestAssignees).where(anyOf(mergeRequestAssignees.mergeRequestId, mrIds)).orderBy(asc(mergeRequestAssignees.createdAt), asc(mergeRequestAssignees.userId)),
    db.select().from(mergeRequestReviewers).where(anyOf(mergeRequestReviewers.mergeRequestId, mrIds)).orderBy(asc(mergeRequestReviewers.createdAt), asc(mergeRequestReviewers.userId)),
    db.select().from(mergeRequestApprovals).where(anyOf(mergeRequestApprovals.mergeRequestId, mrIds)).orderBy(asc(mergeRequestApprovals.createdAt), asc(mergeRequestApprovals.userId)),
    db.select({ mergeRequestId: mergeRequestLabels.mergeRequestId, label: labels }).from(mergeRequestLabels).innerJoin(labels, eq(labels.id, mergeRequestLabels.labelId)).where(anyOf(mergeRequestLabels.mergeRequestId, mrIds)).orderBy(asc(labels.id)),
    db.select().from(mergeRequestMetrics).where(anyOf(mergeRequestMetrics.mergeRequestId, mrIds)),
    db.select().from(mergeRequestDiffs).where(anyOf(mergeRequestDiffs.mergeRequestId, mrIds)),
    issuableActivityOf("MergeRequest", mrIds),
    milestoneIds.length ? db.select().from(milestones).where(anyOf(milestones.id, milestoneIds)) : [],
  ]);
  const diffIds = diffs.map((diff) => diff.id);
  const [commits, files] = diffIds.length
    ? await Promise.all([
        db.select().from(mergeRequestDiffCommits).where(anyOf(mergeRequestDiffCommits.mergeRequestDiffId, diffIds)).orderBy(asc(mergeRequestDiffCommits.mergeRequestDiffId), asc(mergeRequestDiffCommits.relativeOrder)),
        db.select().from(mergeRequestDiffFiles).where(anyOf(mergeRequestDiffFiles.mergeRequestDiffId, diffIds)).orderBy(asc(mergeRequestDiffFiles.mergeRequestDiffId), asc(mergeRequestDiffFiles.relativeOrder)),
      ])
    : [[], []];

  const milestoneById = new Map(mrMilestones.map((milestone) => [milestone.id, milestone]));
  const commitsByDiff = groupBy(commits, (commit) => commit.mergeRequestDiffId);
  const filesByDiff = groupBy(files, (file) => file.mergeRequestDiffId);
  const diffByMr = new Map(diffs.map((diff) => [diff.mergeRequestId, { diff, commits: commitsByDiff.get(diff.id) ?? [], files: filesByDiff.get(diff.id) ?? [] }]));
  const metricsByMr = new Map(metrics.map((row) => [row.mergeRequestId, row]));
  const assigneesByMr = groupBy(assignees, (row) => row.mergeRequestId);
  const reviewersByMr = groupBy(reviewers, (row) => row.mergeRequestId);
  const approvalsByMr = groupBy(approvals, (row) => row.mergeRequestId);
  const labelsByMr = groupBy(linked, (row) => row.mergeRequestId);
  return rows.map((mergeRequest) => ({
    mergeRequest,
    milestone: mergeRequest.milestoneId === null ? undefined : milestoneById.get(mergeRequest.milestoneId),
    labels: (labelsByMr.get(mergeRequest.id) ?? []).map((row) => row.label),
    assignees: assigneesByMr.get(mergeRequest.id) ?? [],
    reviewers: reviewersByMr.get(mergeRequest.id) ?? [],
    approvals: approvalsByMr.get(mergeRequest.id) ?? [],
    metrics: metricsByMr.get(mergeRequest.id),
    diff: diffByMr.get(mergeRequest.id),
    ...activityOf(mergeRequest.id),
  }));
}

/** A project's merge requests, in GitLab's project-export shape, batched by 1000 ids when asked (merge-requests-records.ts). */
export const mergeRequestsRelation: CollectionRelation = {
  kind: "collection",
  name: "merge_requests",
  async ids(projectId) {
    const rows = await getDb().select({ id: mergeRequests.id }).from(mergeRequests).where(eq(mergeRequests.projectId, projectId));
    return rows.map((row) => row.id).sort((a, b) => a - b);
  },
  async records(projectId, ids) {
    return (await mergeRequestTrees(projectId, ids)).map(mergeRequestRecord);
  },
};
