import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import {
  getDb,
  mergeRequestApprovals,
  mergeRequestAssignees,
  mergeRequestDiffs,
  mergeRequestLabels,
  mergeRequestMetrics,
  mergeRequestReviewers,
  mergeRequests,
  milestones,
  timelogs,
  users,
} from "@/lib/db";
import { authorSql, awardCounts, distinct, groupBy, intArray, issuableScopeOf, labelledSql, linkedLabelsOf, linkedUsersOf, linkedUserSql, milestoneSql, searchSql, userNoteCounts, userSummaryColumns, withOwnerPaths, type IssuableScope, type IssuableTables, type Label, type MilestoneWithPath, type UserFilter } from "@/lib/content";
import type { AwardCount, Group, UserSummary } from "@/lib/groups";
import { canReadMergeRequests, listProjects, type ProjectWithAccess } from "@/lib/projects";
import type { Viewer } from "@/lib/viewer";

export type MergeRequest = typeof mergeRequests.$inferSelect;
export type MergeRequestState = "opened" | "closed" | "merged" | "locked";

export interface ReviewerRow extends UserSummary {
  reviewState: string;
}

export interface MergeRequestRow extends MergeRequest {
  project: { id: number; fullPath: string; namespaceId: number };
  author: UserSummary | null;
  assignees: UserSummary[];
  reviewers: ReviewerRow[];
  approvedBy: UserSummary[];
  labels: Label[];
  milestone: MilestoneWithPath | null;
  mergedBy: UserSummary | null;
  closedBy: UserSummary | null;
  mergedAt: Date | null;
  closedAt: Date | null;
  awards: AwardCount[];
  upvotes: number;
  downvotes: number;
  /** Comments (not system notes) the viewer may read. */
  userNotesCount: number;
  /** The sum of its timelogs, in seconds. */
  totalTimeSpent: number;
  /** The latest diff's file count as GitLab's changes_count ("100+" when it stopped counting), null without a diff. */
  changesCount: string | null;
  diffRefs: { baseSha: string | null; headSha: string | null; startSha: string | null } | null;
  /** Whether the viewer may read internal notes: Reporter or more, or admin. */
  canReadConfidential: boolean;
}

export type MergeRequestOrder = "created_at" | "updated_at" | "title" | "merged_at";

export interface ListMergeRequestsOptions {
  /** Undefined lists every state, as GitLab's `state=all`. */
  state?: MergeRequestState;
  search?: string;
  labels?: string[];
  milestone?: string;
  author?: UserFilter;
  assignee?: UserFilter;
  reviewer?: UserFilter;
  sourceBranch?: string;
  targetBranch?: string;
  iids?: number[];
  draft?: boolean;
  orderBy?: MergeRequestOrder;
  sort?: "asc" | "desc";
  page: number;
  perPage: number;
}

export type MergeRequestFilters = Omit<ListMergeRequestsOptions, "page" | "perPage" | "orderBy" | "sort">;

/** The projects whose merge requests the viewer may read (GitLab's read_merge_request on each). */
export type MergeRequestScope = IssuableScope;

const scopeOf = (viewer: Viewer, list: ProjectWithAccess[]): MergeRequestScope => issuableScopeOf(viewer, list, (project) => canReadMergeRequests(viewer, project));

export const projectMergeRequestScope = (viewer: Viewer, project: ProjectWithAccess): MergeRequestScope => scopeOf(viewer, [project]);

/** The merge requests of a group's projects and of its subgroups' that the viewer may read. */
export async function groupMergeRequestScope(viewer: Viewer, group: Group): Promise<MergeRequestScope> {
  const { rows } = await listProjects(viewer, { namespaceId: group.id, includeSubgroups: true, withMergeRequestsEnabled: true, page: 1, perPage: 100_000 });
  return scopeOf(viewer, rows);
}

/** Every project the viewer may read merge requests of (GET /merge_requests). */
export async function viewerMergeRequestScope(viewer: Viewer): Promise<MergeRequestScope> {
  const { rows } = await listProjects(viewer, { withMergeRequestsEnabled: true, page: 1, perPage: 100_000 });
  return scopeOf(viewer, rows);
}

const TABLES: IssuableTables = {
  id: mergeRequests.id,
  milestoneId: mergeRequests.milestoneId,
  authorId: mergeRequests.authorId,
  labelLinks: { table: mergeRequestLabels, owner: mergeRequestLabels.mergeRequestId, labelId: mergeRequestLabels.labelId },
  userLinks: {
    assignee: { table: mergeRequestAssignees, owner: mergeRequestAssignees.mergeRequestId, userId: mergeRequestAssignees.userId },
    reviewer: { table: mergeRequestReviewers, owner: mergeRequestReviewers.mergeRequestId, userId: mergeRequestReviewers.userId },
  },
};

function filtersSql(o: MergeRequestFilters): SQL[] {
  const where: SQL[] = [];
  // GitLab's `opened` scope takes locked merge requests too (locked is a moment of merging, still open).
  if (o.state === "opened") where.push(inArray(mergeRequests.state, ["opened", "locked"]));
  else if (o.state) where.push(eq(mergeRequests.state, o.state));
  if (o.search) where.push(searchSql(mergeRequests.title, mergeRequests.description, o.search));
  for (const title of o.labels ?? []) where.push(labelledSql(TABLES, title));
  if (o.milestone !== undefined) where.push(milestoneSql(TABLES, o.milestone));
  if (o.author !== undefined) where.push(authorSql(TABLES, o.author));
  if (o.assignee !== undefined) where.push(linkedUserSql(TABLES, "assignee", o.assignee));
  if (o.reviewer !== undefined) where.push(linkedUserSql(TABLES, "reviewer", o.reviewer));
  if (o.sourceBranch) where.push(eq(mergeRequests.sourceBranch, o.sourceBranch));
  if (o.targetBranch) where.push(eq(mergeRequests.targetBranch, o.targetBranch));
  if (o.iids?.length) where.push(inArray(mergeRequests.iid, o.iids));
  if (o.draft !== undefined) where.push(eq(mergeRequests.draft, o.draft));
  return where;
}

const inScope = (scope: MergeRequestScope) => sql`${mergeRequests.projectId} = ANY(${intArray(scope.projects.map((p) => p.id))})`;

/** Everything the merge request entity shows, for a page of them, in a fixed number of queries whatever the page size. */
async function hydrate(scope: MergeRequestScope, rows: MergeRequest[]): Promise<MergeRequestRow[]> {
  if (rows.length === 0) return [];
  const mrIds = rows.map((mr) => mr.id);
  const db = getDb();
  const [assigneesOf, reviewerRows, approvalRows, labelsOf, metricRows, diffRows, awards, notesOf, timeRows, milestoneRows] = await Promise.all([
    linkedUsersOf(TABLES, "assignee", mrIds),
    db
      .select({ mrId: mergeRequestReviewers.mergeRequestId, user: userSummaryColumns, state: mergeRequestReviewers.state })
      .from(mergeRequestReviewers)
      .innerJoin(users, eq(users.id, mergeRequestReviewers.userId))
      .where(inArray(mergeRequestReviewers.mergeRequestId, mrIds))
      .orderBy(asc(users.id)),
    db
      .select({ mrId: mergeRequestApprovals.mergeRequestId, user: userSummaryColumns })
      .from(mergeRequestApprovals)
      .innerJoin(users, eq(users.id, mergeRequestApprovals.userId))
      .where(inArray(mergeRequestApprovals.mergeRequestId, mrIds))
      .orderBy(asc(mergeRequestApprovals.createdAt), asc(users.id)),
    linkedLabelsOf(TABLES, mrIds),
    db.select().from(mergeRequestMetrics).where(inArray(mergeRequestMetrics.mergeRequestId, mrIds)),
    db
      .select({ mrId: mergeRequestDiffs.mergeRequestId, realSize: mergeRequestDiffs.realSize, filesCount: mergeRequestDiffs.filesCount, baseSha: mergeRequestDiffs.baseCommitSha, headSha: mergeRequestDiffs.headCommitSha, startSha: mergeRequestDiffs.startCommitSha })
      .from(mergeRequestDiffs)
      .where(inArray(mergeRequestDiffs.mergeRequestId, mrIds)),
    awardCounts("MergeRequest", mrIds),
    userNoteCounts(scope, "MergeRequest", rows),
    db.select({ mrId: timelogs.mergeRequestId, total: sql<number>`sum(${timelogs.timeSpent})::int` }).from(timelogs).where(inArray(timelogs.mergeRequestId, mrIds)).groupBy(timelogs.mergeRequestId),
    (async () => {
      const milestoneIds = distinct(rows.map((mr) => mr.milestoneId));
      return milestoneIds.length ? db.select().from(milestones).where(inArray(milestones.id, milestoneIds)) : [];
    })(),
  ]);
  const metricsOf = new Map(metricRows.map((m) => [m.mergeRequestId, m]));
  const people = distinct([...rows.map((mr) => mr.authorId), ...metricRows.flatMap((m) => [m.mergedById, m.latestClosedById])]);
  const peopleRows = people.length ? await db.select(userSummaryColumns).from(users).where(inArray(users.id, people)) : [];
  const userOf = new Map(peopleRows.map((user) => [user.id, user]));
  const person = (id: number | null | undefined) => (id === null || id === undefined ? null : (userOf.get(id) ?? null));
  const reviewersOf = groupBy(reviewerRows, (row) => row.mrId);
  const approvalsOf = groupBy(approvalRows, (row) => row.mrId);
  const diffOf = new Map(diffRows.map((d) => [d.mrId, d]));
  const timeOf = new Map(timeRows.map((row) => [row.mrId, row.total]));
  const milestoneOf = await withOwnerPaths(milestoneRows);
  const projectOf = new Map(scope.projects.map((project) => [project.id, project]));
  return rows.map((mr) => {
    const mrAwards = awards.get(mr.id) ?? [];
    const count = (name: string) => mrAwards.find((award) => award.name === name)?.count ?? 0;
    const metrics = metricsOf.get(mr.id);
    const diff = diffOf.get(mr.id);
    return {
      ...mr,
      project: projectOf.get(mr.projectId)!,
      author: person(mr.authorId),
      assignees: assigneesOf.get(mr.id) ?? [],
      reviewers: (reviewersOf.get(mr.id) ?? []).map((row) => ({ ...row.user, reviewState: row.state })),
      approvedBy: (approvalsOf.get(mr.id) ?? []).map((row) => row.user),
      labels: labelsOf.get(mr.id) ?? [],
      milestone: mr.milestoneId === null ? null : (milestoneOf.get(mr.milestoneId) ?? null),
      mergedBy: person(metrics?.mergedById),
      closedBy: person(metrics?.latestClosedById),
      mergedAt: metrics?.mergedAt ?? null,
      closedAt: metrics?.latestClosedAt ?? null,
      awards: mrAwards,
      upvotes: count("thumbsup"),
      downvotes: count("thumbsdown"),
      userNotesCount: notesOf.get(mr.id) ?? 0,
      totalTimeSpent: timeOf.get(mr.id) ?? 0,
      changesCount: diff ? (diff.realSize ?? String(diff.filesCount)) : null,
      diffRefs: diff ? { baseSha: diff.baseSha, headSha: diff.headSha ?? mr.diffHeadSha, startSha: diff.startSha ?? mr.targetBranchSha } : null,
      canReadConfidential: scope.viewer.isAdmin || scope.confidential.includes(mr.projectId),
    };
  });
}

function orderOf(orderBy: MergeRequestOrder | undefined): SQL | AnyPgColumn {
  if (orderBy === "updated_at") return mergeRequests.updatedAt;
  if (orderBy === "title") return mergeRequests.title;
  // Merged first by when they were merged; the others after them, as GitLab's merged_at order puts NULLs last.
  if (orderBy === "merged_at") return sql`(SELECT ${mergeRequestMetrics.mergedAt} FROM ${mergeRequestMetrics} WHERE ${mergeRequestMetrics.mergeRequestId} = ${mergeRequests.id})`;
  return mergeRequests.createdAt;
}

/** Merge requests of the scope, filtered, ordered and paginated as GitLab's lists are, with the total. */
export async function listMergeRequests(scope: MergeRequestScope, options: ListMergeRequestsOptions): Promise<{ rows: MergeRequestRow[]; total: number }> {
  if (scope.projects.length === 0) return { rows: [], total: 0 };
  const where = and(inScope(scope), ...filtersSql(options))!;
  const direction = options.sort === "asc" ? asc : desc;
  const db = getDb();
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(mergeRequests)
      .where(where)
      .orderBy(direction(orderOf(options.orderBy)), direction(mergeRequests.id))
      .limit(options.perPage)
      .offset((options.page - 1) * options.perPage),
    db.select({ total: sql<number>`count(*)::int` }).from(mergeRequests).where(where),
  ]);
  return { rows: await hydrate(scope, rows), total: count?.total ?? 0 };
}

/** How many merge requests of the scope match the filters, by state: the list page's Open / Merged / Closed / All. */
export async function countMergeRequestsByState(scope: MergeRequestScope, filters: Omit<MergeRequestFilters, "state">): Promise<Record<"opened" | "merged" | "closed" | "all", number>> {
  const counts = { opened: 0, merged: 0, closed: 0, all: 0 };
  if (scope.projects.length === 0) return counts;
  const rows = await getDb()
    .select({ state: mergeRequests.state, count: sql<number>`count(*)::int` })
    .from(mergeRequests)
    .where(and(inScope(scope), ...filtersSql(filters)))
    .groupBy(mergeRequests.state);
  for (const row of rows) {
    // A locked merge request is still open (GitLab lists it under Open).
    const key = row.state === "locked" ? "opened" : row.state;
    counts[key] += row.count;
    counts.all += row.count;
  }
  return counts;
}

/** One merge request of the scope's project by iid, if the viewer may read it. */
export async function findMergeRequest(scope: MergeRequestScope, iid: number): Promise<MergeRequestRow | undefined> {
  if (scope.projects.length !== 1) return undefined;
  const rows = await getDb()
    .select()
    .from(mergeRequests)
    .where(and(eq(mergeRequests.projectId, scope.projects[0]!.id), eq(mergeRequests.iid, iid)))
    .limit(1);
  return (await hydrate(scope, rows))[0];
}
