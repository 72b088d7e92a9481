import { and, asc, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { epicIssues, epics, getDb, groups, issueAssignees, issueLabels, issues, iterations, labels, milestones, timelogs, users } from "@/lib/db";
import { awardCounts, distinct, intArray, issuableScopeOf, labelledSql, linkedLabelsOf, linkedUsersOf, linkedUserSql, milestoneSql, searchSql, userNoteCounts, userSummaryColumns, withOwnerPaths, type IssuableScope, type IssuableTables, type Label, type MilestoneWithPath } from "@/lib/content";
import type { AwardCount, Group, UserSummary } from "@/lib/groups";
import { canUseFeature, listProjects, type ProjectWithAccess } from "@/lib/projects";
import type { Viewer } from "@/lib/viewer";

export type Issue = typeof issues.$inferSelect;

export interface IssueRow extends Issue {
  project: { id: number; fullPath: string; namespaceId: number };
  author: UserSummary | null;
  closedBy: UserSummary | null;
  assignees: UserSummary[];
  /** By title, as GitLab lists an issue's labels. */
  labels: Label[];
  milestone: MilestoneWithPath | null;
  epic: { id: number; iid: number; title: string; groupId: number; groupFullPath: string } | null;
  iteration: { id: number; iid: number; title: string | null; startDate: string; dueDate: string; groupFullPath: string } | null;
  awards: AwardCount[];
  upvotes: number;
  downvotes: number;
  /** Comments (not system notes) the viewer may read. */
  userNotesCount: number;
  totalTimeSpent: number;
  /** Whether the viewer may read the project's confidential things (internal notes): reporter or more, or admin. */
  canReadConfidential: boolean;
}

export interface ListIssuesOptions {
  /** Undefined lists both, as GitLab's `state=all`. */
  state?: "opened" | "closed";
  /** Matches title or description. */
  search?: string;
  /** Every label must be on the issue; GitLab's special values `None` (no label) and `Any` (at least one) too. */
  labels?: string[];
  /** A milestone title, or `None` / `Any`. */
  milestone?: string;
  /** A user id, or `None` / `Any`. */
  assigneeId?: number | "None" | "Any";
  authorId?: number;
  iids?: number[];
  confidential?: boolean;
  orderBy?: IssueOrder;
  sort?: "asc" | "desc";
  page: number;
  perPage: number;
}

/** GitLab's `order_by` values Ferry sorts by: dates, and the title. */
export const ISSUE_ORDERS = ["created_at", "updated_at", "due_date", "title"] as const;
export type IssueOrder = (typeof ISSUE_ORDERS)[number];

/** The projects whose issues the viewer may read, and in which of them confidential issues too. */
type IssueScope = IssuableScope;

/** The issue scope of some projects the viewer can see (those whose issues feature lets them in). */
export function issueScopeOf(viewer: Viewer, list: ProjectWithAccess[]): IssueScope {
  // GitLab's read_issue: the project readable, and its issues feature open to the viewer.
  return issuableScopeOf(viewer, list, (project) => canUseFeature(viewer, project, "issues"));
}

/** A project's issues, if the viewer may read them at all. */
export const projectIssueScope = (viewer: Viewer, project: ProjectWithAccess): IssueScope => issueScopeOf(viewer, [project]);

/** The issues of a group's projects and of its subgroups' that the viewer can see. */
export async function groupIssueScope(viewer: Viewer, group: Group): Promise<IssueScope> {
  const { rows } = await listProjects(viewer, { namespaceId: group.id, includeSubgroups: true, withIssuesEnabled: true, page: 1, perPage: 100_000 });
  return issueScopeOf(viewer, rows);
}

/**
 * Issues in the scope the viewer may read: a confidential one needs Reporter access to its project, or to be its author
 * or one of its assignees (GitLab's read_issue for confidential issues).
 */
export function readableIssueSql(scope: IssueScope): SQL {
  const inProjects = sql`${issues.projectId} = ANY(${intArray(scope.projects.map((p) => p.id))})`;
  if (scope.viewer.isAdmin) return inProjects;
  const confidentialOk: SQL[] = [eq(issues.confidential, false), sql`${issues.projectId} = ANY(${intArray(scope.confidential)})`];
  if (!scope.viewer.anonymous) {
    confidentialOk.push(eq(issues.authorId, scope.viewer.id));
    confidentialOk.push(sql`EXISTS (SELECT 1 FROM ${issueAssignees} WHERE ${issueAssignees.issueId} = ${issues.id} AND ${issueAssignees.userId} = ${scope.viewer.id})`);
  }
  return and(inProjects, or(...confidentialOk))!;
}

// The filters issues share with merge requests (lib/content's IssuableFinder), on the issue's own tables.
const TABLES: IssuableTables = {
  id: issues.id,
  milestoneId: issues.milestoneId,
  authorId: issues.authorId,
  labelLinks: { table: issueLabels, owner: issueLabels.issueId, labelId: issueLabels.labelId },
  userLinks: { assignee: { table: issueAssignees, owner: issueAssignees.issueId, userId: issueAssignees.userId } },
};

function filtersSql(o: Omit<ListIssuesOptions, "page" | "perPage">): SQL[] {
  const where: SQL[] = [];
  if (o.state) where.push(eq(issues.state, o.state));
  if (o.search) where.push(searchSql(issues.title, issues.description, o.search));
  for (const title of o.labels ?? []) where.push(labelledSql(TABLES, title));
  if (o.milestone !== undefined) where.push(milestoneSql(TABLES, o.milestone));
  if (o.assigneeId !== undefined) where.push(linkedUserSql(TABLES, "assignee", o.assigneeId));
  if (o.authorId !== undefined) where.push(eq(issues.authorId, o.authorId));
  if (o.iids?.length) where.push(inArray(issues.iid, o.iids));
  if (o.confidential !== undefined) where.push(eq(issues.confidential, o.confidential));
  return where;
}

/** Everything an issue entity shows, for a page of issues, in a fixed number of queries whatever the page size. */
async function hydrate(scope: IssueScope, rows: Issue[]): Promise<IssueRow[]> {
  if (rows.length === 0) return [];
  const issueIds = rows.map((issue) => issue.id);
  const db = getDb();
  const people = distinct(rows.flatMap((issue) => [issue.authorId, issue.closedById]));
  const milestoneIds = distinct(rows.map((issue) => issue.milestoneId));
  const iterationIds = distinct(rows.map((issue) => issue.iterationId));
  const [assigneesOf, labelsOf, epicRows, awards, notesOf, timeRows, peopleRows, milestoneRows, iterationRows] = await Promise.all([
    linkedUsersOf(TABLES, "assignee", issueIds),
    linkedLabelsOf(TABLES, issueIds),
    db
      .select({ issueId: epicIssues.issueId, id: epics.id, iid: epics.iid, title: epics.title, groupId: epics.groupId, groupFullPath: groups.fullPath })
      .from(epicIssues)
      .innerJoin(epics, eq(epics.id, epicIssues.epicId))
      .innerJoin(groups, eq(groups.id, epics.groupId))
      .where(inArray(epicIssues.issueId, issueIds)),
    awardCounts("Issue", issueIds),
    userNoteCounts(scope, "Issue", rows),
    db.select({ issueId: timelogs.issueId, total: sql<number>`sum(${timelogs.timeSpent})::int` }).from(timelogs).where(inArray(timelogs.issueId, issueIds)).groupBy(timelogs.issueId),
    people.length ? db.select(userSummaryColumns).from(users).where(inArray(users.id, people)) : [],
    milestoneIds.length ? db.select().from(milestones).where(inArray(milestones.id, milestoneIds)) : [],
    iterationIds.length
      ? db
          .select({ id: iterations.id, iid: iterations.iid, title: iterations.title, startDate: iterations.startDate, dueDate: iterations.dueDate, groupFullPath: groups.fullPath })
          .from(iterations)
          .innerJoin(groups, eq(groups.id, iterations.groupId))
          .where(inArray(iterations.id, iterationIds))
      : [],
  ]);
  const iterationOf = new Map(iterationRows.map((iteration) => [iteration.id, iteration]));
  const epicOf = new Map(epicRows.map(({ issueId, ...epic }) => [issueId, epic]));
  const timeOf = new Map(timeRows.map((row) => [row.issueId, row.total]));
  const userOf = new Map(peopleRows.map((user) => [user.id, user]));
  const milestoneOf = await withOwnerPaths(milestoneRows);
  const projectOf = new Map(scope.projects.map((project) => [project.id, project]));
  return rows.map((issue) => {
    const issueAwards = awards.get(issue.id) ?? [];
    const count = (name: string) => issueAwards.find((award) => award.name === name)?.count ?? 0;
    return {
      ...issue,
      project: projectOf.get(issue.projectId)!,
      author: issue.authorId === null ? null : (userOf.get(issue.authorId) ?? null),
      closedBy: issue.closedById === null ? null : (userOf.get(issue.closedById) ?? null),
      assignees: assigneesOf.get(issue.id) ?? [],
      labels: labelsOf.get(issue.id) ?? [],
      milestone: issue.milestoneId === null ? null : (milestoneOf.get(issue.milestoneId) ?? null),
      epic: epicOf.get(issue.id) ?? null,
      iteration: issue.iterationId === null ? null : (iterationOf.get(issue.iterationId) ?? null),
      awards: issueAwards,
      upvotes: count("thumbsup"),
      downvotes: count("thumbsdown"),
      userNotesCount: notesOf.get(issue.id) ?? 0,
      totalTimeSpent: timeOf.get(issue.id) ?? 0,
      canReadConfidential: scope.viewer.isAdmin || scope.confidential.includes(issue.projectId),
    };
  });
}

/** The sort of a list: issues without a due date come last whichever way (GitLab's NULLS LAST). */
function orderOf(options: Pick<ListIssuesOptions, "orderBy" | "sort">): SQL[] {
  const direction = options.sort === "asc" ? asc : desc;
  if (options.orderBy === "due_date") return [sql`${issues.dueDate} ${sql.raw(options.sort === "asc" ? "ASC" : "DESC")} NULLS LAST`];
  if (options.orderBy === "title") return [direction(sql`lower(${issues.title})`)];
  return [direction(options.orderBy === "updated_at" ? issues.updatedAt : issues.createdAt)];
}

/** Issues of the scope the viewer may read, filtered, ordered and paginated as GitLab's issue lists are, with the total. */
export async function listIssues(scope: IssueScope, options: ListIssuesOptions): Promise<{ rows: IssueRow[]; total: number }> {
  if (scope.projects.length === 0) return { rows: [], total: 0 };
  const where = and(readableIssueSql(scope), ...filtersSql(options))!;
  const direction = options.sort === "asc" ? asc : desc;
  const db = getDb();
  const [rows, [count]] = await Promise.all([
    db.select().from(issues).where(where).orderBy(...orderOf(options), direction(issues.id)).limit(options.perPage).offset((options.page - 1) * options.perPage),
    db.select({ total: sql<number>`count(*)::int` }).from(issues).where(where),
  ]);
  return { rows: await hydrate(scope, rows), total: count?.total ?? 0 };
}

/** One issue of the scope's project by iid, if the viewer may read it. */
export async function findIssue(scope: IssueScope, iid: number): Promise<IssueRow | undefined> {
  if (scope.projects.length !== 1) return undefined;
  const rows = await getDb().select().from(issues).where(and(readableIssueSql(scope), eq(issues.projectId, scope.projects[0]!.id), eq(issues.iid, iid))).limit(1);
  return (await hydrate(scope, rows))[0];
}

export type { IssueScope };

/** How many issues of the scope the viewer may read are open, closed, and both, under the same filters: the list's tabs. */
export async function countIssuesByState(scope: IssueScope, options: Omit<ListIssuesOptions, "state" | "page" | "perPage" | "orderBy" | "sort">): Promise<{ opened: number; closed: number; all: number }> {
  if (scope.projects.length === 0) return { opened: 0, closed: 0, all: 0 };
  const rows = await getDb()
    .select({ state: issues.state, count: sql<number>`count(*)::int` })
    .from(issues)
    .where(and(readableIssueSql(scope), ...filtersSql(options)))
    .groupBy(issues.state);
  const of = (state: string) => rows.find((row) => row.state === state)?.count ?? 0;
  return { opened: of("opened"), closed: of("closed"), all: of("opened") + of("closed") };
}

/**
 * Every issue the viewer may read, wherever it is (GitLab's `GET /issues`): the projects they can see whose issues
 * feature lets them in.
 */
export async function userIssueScope(viewer: Viewer): Promise<IssueScope> {
  const { rows } = await listProjects(viewer, { withIssuesEnabled: true, page: 1, perPage: 100_000 });
  return issueScopeOf(viewer, rows);
}

export interface IssueFilterOptions {
  authors: UserSummary[];
  assignees: UserSummary[];
  labels: string[];
  milestones: string[];
}

/**
 * What the scope's readable issues can be filtered by, for the list's choices: their authors, assignees, labels and
 * milestones, each by name. Every query starts from the scope's issues (the project index) and joins by key.
 */
export async function issueFilterOptions(scope: IssueScope): Promise<IssueFilterOptions> {
  if (scope.projects.length === 0) return { authors: [], assignees: [], labels: [], milestones: [] };
  const readable = readableIssueSql(scope);
  const db = getDb();
  const [authors, assignees, labelRows, milestoneRows] = await Promise.all([
    db.selectDistinct(userSummaryColumns).from(issues).innerJoin(users, eq(users.id, issues.authorId)).where(readable).orderBy(asc(users.username), asc(users.id)),
    db.selectDistinct(userSummaryColumns).from(issues).innerJoin(issueAssignees, eq(issueAssignees.issueId, issues.id)).innerJoin(users, eq(users.id, issueAssignees.userId)).where(readable).orderBy(asc(users.username), asc(users.id)),
    db.selectDistinct({ title: labels.title }).from(issues).innerJoin(issueLabels, eq(issueLabels.issueId, issues.id)).innerJoin(labels, eq(labels.id, issueLabels.labelId)).where(readable).orderBy(asc(labels.title)),
    db.selectDistinct({ title: milestones.title }).from(issues).innerJoin(milestones, eq(milestones.id, issues.milestoneId)).where(readable).orderBy(asc(milestones.title)),
  ]);
  return { authors, assignees, labels: labelRows.map((row) => row.title), milestones: milestoneRows.map((row) => row.title) };
}
