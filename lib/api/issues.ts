import type { TokenIdentity } from "@/lib/auth/tokens";
import { listDiscussions, listNotes } from "@/lib/content";
import { findGroup } from "@/lib/groups";
import {
  findIssue,
  groupIssueScope,
  ISSUE_ORDERS,
  listIssueAwards,
  listIssueLabelEvents,
  listIssueMilestoneEvents,
  listIssues,
  listIssueStateEvents,
  projectIssueScope,
  userIssueScope,
  type IssueRow,
  type IssueScope,
  type ListIssuesOptions,
} from "@/lib/issues";
import { findProject } from "@/lib/projects";
import { baseUrlOf } from "./base-url";
import { booleanParam } from "./booleans";
import { awardEmojiEntity, issueEntity, labelEventEntity, milestoneEventEntity, stateEventEntity } from "./entities/issues";
import { discussionEntity, noteEntity } from "./entities/notes";
import { pathRowId, rowIdListParam, rowIdParam } from "./ids";
import { pageParams, paginationHeaders, type PageParams } from "./pagination";
import { issuableListBasics, userIdFilterParam } from "./issuable-params";
import { readAll } from "./param-error";
import { readParams } from "./params";
import { apiRoute, type ApiContext } from "./request-auth";
import { json, notFound, unauthorized } from "./responses";
import { choiceParam } from "./strings";

type Params = Record<string, unknown>;

/** `assignee_id`: a user id, or GitLab's `None` / `Any` (any case). */
const assigneeParam = (value: unknown): ListIssuesOptions["assigneeId"] => userIdFilterParam(value, "assignee_id");

type IssueListParams = Omit<ListIssuesOptions, "page" | "perPage"> & { withLabelsDetails: boolean };

/** The filters of `GET /projects/:id/issues` and `GET /groups/:id/issues`, with GitLab's defaults (all states, newest first). */
function issueListParams(params: Params): IssueListParams {
  const [basics, assigneeId, authorId, iids, confidential, withLabelsDetails] = readAll(
    () => issuableListBasics(params, ["opened", "closed", "all"], ISSUE_ORDERS),
    () => assigneeParam(params.assignee_id),
    () => rowIdParam(params.author_id, "author_id"),
    () => rowIdListParam(params.iids, "iids"),
    () => booleanParam(params.confidential, "confidential"),
    () => booleanParam(params.with_labels_details, "with_labels_details"),
  );
  return {
    ...basics,
    assigneeId,
    authorId,
    iids: iids ?? [],
    confidential,
    withLabelsDetails: withLabelsDetails ?? false,
  };
}

/** A page of issues as GitLab answers a list: entities, and the pagination headers of the total. */
async function issuePage(context: ApiContext<unknown, TokenIdentity | null>, scope: IssueScope, requestedProjectId?: number, mine?: (options: IssueListParams) => IssueListParams): Promise<Response> {
  const query = await readParams(context.request);
  const [{ withLabelsDetails, ...options }, page] = readAll(() => issueListParams(query), () => pageParams(context.url.searchParams));
  const { rows, total } = await listIssues(scope, { ...(mine ? mine({ withLabelsDetails, ...options }) : options), ...page });
  const base = baseUrlOf(context.request);
  return json(rows.map((issue) => issueEntity(issue, base, { withLabelsDetails, requestedProjectId })), { headers: paginationHeaders(context.request, total, page) });
}

/**
 * GET /projects/:id/issues. Public, as on GitLab: a public project's issues answer without a token. A project the
 * caller cannot see is "404 Project Not Found"; one whose issues feature keeps them out gives "403 Forbidden".
 */
export const projectIssuesRoute = apiRoute<{ id: string }>("public", async (context) => {
  const project = await findProject(context.viewer, context.params.id);
  if (!project) return notFound("Project Not");
  const scope = projectIssueScope(context.viewer, project);
  if (scope.projects.length === 0) return json({ message: "403 Forbidden" }, { status: 403 });
  return issuePage(context, scope, project.id);
});

/** GET /groups/:id/issues: the issues of the group's projects and its subgroups' that the caller may read. */
export const groupIssuesRoute = apiRoute<{ id: string }>("public", async (context) => {
  const group = await findGroup(context.viewer, context.params.id);
  if (!group) return notFound("Group Not");
  return issuePage(context, await groupIssueScope(context.viewer, group));
});

// GitLab's scopes of `GET /issues`, with the hyphenated spellings it still accepts.
const USER_SCOPES = ["created_by_me", "assigned_to_me", "all", "created-by-me", "assigned-to-me"] as const;

/**
 * GET /issues: the issues the caller may read anywhere, those they created by default (`scope=created_by_me`), those
 * assigned to them, or all. Without a token only `scope=all` answers (public projects' issues), as GitLab's.
 */
export const userIssuesRoute = apiRoute("public", async (context) => {
  const query = await readParams(context.request);
  const [scopeParam] = readAll(() => choiceParam(query.scope, "scope", USER_SCOPES));
  const scope = (scopeParam ?? "created_by_me").replace(/-/g, "_");
  if (scope !== "all" && context.viewer.anonymous) return unauthorized();
  const viewerId = context.viewer.id;
  const mine = (options: IssueListParams): IssueListParams =>
    scope === "created_by_me" ? { ...options, authorId: viewerId } : scope === "assigned_to_me" ? { ...options, assigneeId: viewerId } : options;
  return issuePage(context, await userIssueScope(context.viewer), undefined, mine);
});

type IssueContext = ApiContext<{ id: string; issue_iid: string }, TokenIdentity | null> & { issue: IssueRow; baseUrl: string };

/**
 * A `/projects/:id/issues/:issue_iid/...` endpoint: an unknown or hidden project is "404 Project Not Found", an issues
 * feature closed to the caller "403 Forbidden", an unknown issue (or a confidential one the caller may not read)
 * "404 Issue Not Found"... as GitLab words each.
 */
function issueRoute(handler: (context: IssueContext) => Promise<Response>) {
  return apiRoute<{ id: string; issue_iid: string }>("public", async (context) => {
    const [iid] = readAll(() => pathRowId(context.params.issue_iid, "issue_iid"));
    const project = await findProject(context.viewer, context.params.id);
    if (!project) return notFound("Project Not");
    const scope = projectIssueScope(context.viewer, project);
    if (scope.projects.length === 0) return json({ message: "403 Forbidden" }, { status: 403 });
    const issue = await findIssue(scope, iid);
    if (!issue) return notFound("Issue Not");
    return handler({ ...context, issue, baseUrl: baseUrlOf(context.request) });
  });
}

/** GET /projects/:id/issues/:issue_iid. */
export const projectIssueRoute = issueRoute(async ({ issue, baseUrl, url }) => {
  const [withLabelsDetails] = readAll(() => booleanParam(url.searchParams.get("with_labels_details"), "with_labels_details"));
  return json(issueEntity(issue, baseUrl, { includeSubscribed: true, withLabelsDetails: withLabelsDetails ?? false, requestedProjectId: issue.projectId }));
});

/** GET /projects/:id/issues/:issue_iid/notes: newest first unless asked otherwise, internal notes for Reporters and up. */
export const issueNotesRoute = issueRoute(async ({ request, url, issue, baseUrl }) => {
  const q = url.searchParams;
  const [orderBy, sort, activityFilter, page] = readAll(
    () => choiceParam(q.get("order_by"), "order_by", ["created_at", "updated_at"]),
    () => choiceParam(q.get("sort"), "sort", ["asc", "desc"]),
    () => choiceParam(q.get("activity_filter"), "activity_filter", ["all_notes", "only_comments", "only_activity"]),
    () => pageParams(q),
  );
  const options = { orderBy: orderBy ?? "created_at", sort: sort ?? "desc", activityFilter: activityFilter ?? "all_notes" } as const;
  const { rows, total } = await listNotes({ noteableType: "Issue", noteableId: issue.id, canReadConfidential: issue.canReadConfidential }, { ...options, ...page });
  // GitLab's notes of an issue carry the issue's iid.
  return json(rows.map((note) => ({ ...noteEntity(note, baseUrl), noteable_iid: issue.iid })), { headers: paginationHeaders(request, total, page) });
});

/** GET /projects/:id/issues/:issue_iid/discussions: threads oldest first, internal notes for Reporters and up. */
export const issueDiscussionsRoute = issueRoute(async ({ request, url, issue, baseUrl }) => {
  const [page] = readAll(() => pageParams(url.searchParams));
  const { rows, total } = await listDiscussions({ noteableType: "Issue", noteableId: issue.id, canReadConfidential: issue.canReadConfidential }, page);
  return json(rows.map((discussion) => discussionEntity(discussion, baseUrl, issue.iid)), { headers: paginationHeaders(request, total, page) });
});

/** A paginated list under an issue: `list` gives a page of rows and the total, `entity` shapes each. */
function issueListRoute<T>(list: (issueId: number, page: PageParams) => Promise<{ rows: T[]; total: number }>, entity: (row: T, baseUrl: string) => unknown) {
  return issueRoute(async ({ request, url, issue, baseUrl }) => {
    const [page] = readAll(() => pageParams(url.searchParams));
    const { rows, total } = await list(issue.id, page);
    return json(rows.map((row) => entity(row, baseUrl)), { headers: paginationHeaders(request, total, page) });
  });
}

/** GET /projects/:id/issues/:issue_iid/award_emoji. */
export const issueAwardEmojiRoute = issueListRoute(listIssueAwards, awardEmojiEntity);
/** GET /projects/:id/issues/:issue_iid/resource_state_events. */
export const issueStateEventsRoute = issueListRoute(listIssueStateEvents, stateEventEntity);
/** GET /projects/:id/issues/:issue_iid/resource_label_events. */
export const issueLabelEventsRoute = issueListRoute(listIssueLabelEvents, labelEventEntity);
/** GET /projects/:id/issues/:issue_iid/resource_milestone_events. */
export const issueMilestoneEventsRoute = issueListRoute(listIssueMilestoneEvents, milestoneEventEntity);
