import type { TokenIdentity } from "@/lib/auth/tokens";
import { listDiscussions, listNotes, type UserFilter } from "@/lib/content";
import { findGroup } from "@/lib/groups";
import {
  findMergeRequest,
  findMergeRequestDiff,
  groupMergeRequestScope,
  listMergeRequestCommits,
  listMergeRequestDiffFiles,
  listMergeRequests,
  projectMergeRequestScope,
  storedAsDiffFile,
  viewerMergeRequestScope,
  type ListMergeRequestsOptions,
  type MergeRequestRow,
  type MergeRequestScope,
} from "@/lib/merge-requests";
import { canReadPipelines, findProject, listPipelines, type ProjectWithAccess } from "@/lib/projects";
import { baseUrlOf } from "./base-url";
import { booleanParam } from "./booleans";
import { approvalsEntity, mergeRequestBasicEntity, mergeRequestCommitEntity, mergeRequestEntity } from "./entities/merge-requests";
import { discussionEntity, noteEntity } from "./entities/notes";
import { pipelineBasic } from "./entities/pipelines";
import { diffEntity } from "./entities/repository";
import { pathRowId, rowIdListParam } from "./ids";
import { issuableListBasics, userFilterParams } from "./issuable-params";
import { pageParams, paginationHeaders } from "./pagination";
import { readAll } from "./param-error";
import { readParams } from "./params";
import { apiRoute, type ApiContext } from "./request-auth";
import { json, notFound } from "./responses";
import { choiceParam, stringParam } from "./strings";

type Params = Record<string, unknown>;
type ListParams = Omit<ListMergeRequestsOptions, "page" | "perPage"> & { withLabelsDetails: boolean; scope?: "created_by_me" | "assigned_to_me" | "reviews_for_me" | "all" };

const SCOPES = ["created_by_me", "assigned_to_me", "reviews_for_me", "all", "created-by-me", "assigned-to-me"] as const;

/** Yes/no of GitLab's old `wip` parameter, or `draft`'s boolean. */
function draftParam(params: Params): boolean | undefined {
  const [wip, draft] = readAll(
    () => choiceParam(params.wip, "wip", ["yes", "no"]),
    () => booleanParam(params.draft, "draft"),
  );
  return draft ?? (wip === undefined ? undefined : wip === "yes");
}

/** The filters of GitLab's merge request lists, with its defaults (all states, newest created first). */
function listParams(params: Params): ListParams {
  const [basics, author, assignee, reviewer, sourceBranch, targetBranch, iids, draft, scope, withLabelsDetails] = readAll(
    () => issuableListBasics(params, ["opened", "closed", "locked", "merged", "all"], ["created_at", "updated_at", "title", "merged_at"]),
    () => userFilterParams(params, "author"),
    () => userFilterParams(params, "assignee"),
    () => userFilterParams(params, "reviewer"),
    () => stringParam(params.source_branch, "source_branch") || undefined,
    () => stringParam(params.target_branch, "target_branch") || undefined,
    () => rowIdListParam(params.iids, "iids"),
    () => draftParam(params),
    () => choiceParam(params.scope, "scope", SCOPES),
    () => booleanParam(params.with_labels_details, "with_labels_details"),
  );
  return {
    ...basics,
    author,
    assignee,
    reviewer,
    sourceBranch,
    targetBranch,
    iids: iids ?? [],
    draft,
    scope: scope?.replaceAll("-", "_") as ListParams["scope"],
    withLabelsDetails: withLabelsDetails ?? false,
  };
}

/** `scope`: the caller's own, assigned or review requests narrow the list to them (nobody's, for an anonymous caller). */
function scoped(filters: ListParams, viewerId: number | null, defaultScope: NonNullable<ListParams["scope"]>): ListParams | null {
  const scope = filters.scope ?? defaultScope;
  if (scope === "all") return filters;
  if (viewerId === null) return null;
  const me: UserFilter = viewerId;
  if (scope === "created_by_me") return { ...filters, author: me };
  if (scope === "assigned_to_me") return { ...filters, assignee: me };
  return { ...filters, reviewer: me };
}

async function listPage(context: ApiContext<unknown, TokenIdentity | null>, scope: MergeRequestScope, options: { requestedProjectId?: number; defaultScope: NonNullable<ListParams["scope"]> }): Promise<Response> {
  const query = await readParams(context.request);
  const [parsed, page] = readAll(() => listParams(query), () => pageParams(context.url.searchParams));
  const filters = scoped(parsed, context.viewer.anonymous ? null : context.viewer.id, options.defaultScope);
  const { rows, total } = filters ? await listMergeRequests(scope, { ...filters, ...page }) : { rows: [], total: 0 };
  const base = baseUrlOf(context.request);
  const entityOptions = { withLabelsDetails: parsed.withLabelsDetails, requestedProjectId: options.requestedProjectId };
  return json(rows.map((mr) => mergeRequestBasicEntity(mr, base, entityOptions)), { headers: paginationHeaders(context.request, total, page) });
}

/**
 * GET /projects/:id/merge_requests. Public, as on GitLab: an unknown or hidden project is "404 Project Not Found", a
 * merge requests feature closed to the caller "403 Forbidden".
 */
export const projectMergeRequestsRoute = apiRoute<{ id: string }>("public", async (context) => {
  const project = await findProject(context.viewer, context.params.id);
  if (!project) return notFound("Project Not");
  const scope = projectMergeRequestScope(context.viewer, project);
  if (scope.projects.length === 0) return json({ message: "403 Forbidden" }, { status: 403 });
  return listPage(context, scope, { requestedProjectId: project.id, defaultScope: "all" });
});

/** GET /groups/:id/merge_requests: those of the group's projects and its subgroups' the caller may read. */
export const groupMergeRequestsRoute = apiRoute<{ id: string }>("public", async (context) => {
  const group = await findGroup(context.viewer, context.params.id);
  if (!group) return notFound("Group Not");
  return listPage(context, await groupMergeRequestScope(context.viewer, group), { defaultScope: "all" });
});

/** GET /merge_requests: the caller's (created_by_me by default; all those they may read with scope=all). */
export const userMergeRequestsRoute = apiRoute("public", async (context) => {
  const scope = await viewerMergeRequestScope(context.viewer);
  return listPage(context, scope, { defaultScope: context.viewer.anonymous ? "all" : "created_by_me" });
});

type MergeRequestContext = ApiContext<{ id: string; merge_request_iid: string }, TokenIdentity | null> & { project: ProjectWithAccess; mr: MergeRequestRow; baseUrl: string };

/** A `/projects/:id/merge_requests/:merge_request_iid/...` endpoint, with GitLab's 404s and 403 in its order. */
function mergeRequestRoute(handler: (context: MergeRequestContext) => Promise<Response>) {
  return apiRoute<{ id: string; merge_request_iid: string }>("public", async (context) => {
    const [iid] = readAll(() => pathRowId(context.params.merge_request_iid, "merge_request_iid"));
    const project = await findProject(context.viewer, context.params.id);
    if (!project) return notFound("Project Not");
    const scope = projectMergeRequestScope(context.viewer, project);
    if (scope.projects.length === 0) return json({ message: "403 Forbidden" }, { status: 403 });
    const mr = await findMergeRequest(scope, iid);
    if (!mr) return notFound("Merge Request Not");
    return handler({ ...context, project, mr, baseUrl: baseUrlOf(context.request) });
  });
}

/** GET /projects/:id/merge_requests/:merge_request_iid. */
export const mergeRequestRouteGet = mergeRequestRoute(async ({ mr, baseUrl, url }) => {
  const [withLabelsDetails] = readAll(() => booleanParam(url.searchParams.get("with_labels_details"), "with_labels_details"));
  return json(mergeRequestEntity(mr, baseUrl, { withLabelsDetails: withLabelsDetails ?? false, requestedProjectId: mr.projectId }));
});

/**
 * GET .../changes: the merge request and its stored diff's files. A file over the collapse size comes with an empty
 * diff and `collapsed`, as GitLab's, unless `access_raw_diffs=true` asks for every text.
 */
export const mergeRequestChangesRoute = mergeRequestRoute(async ({ mr, baseUrl, url }) => {
  const [raw, unidiff] = readAll(
    () => booleanParam(url.searchParams.get("access_raw_diffs"), "access_raw_diffs"),
    () => booleanParam(url.searchParams.get("unidiff"), "unidiff"),
  );
  const diff = await findMergeRequestDiff(mr.id);
  const files = diff ? await listMergeRequestDiffFiles(diff.id, { page: 1, perPage: 1000 }, { text: raw ? "all" : "small" }) : { rows: [], total: 0 };
  return json({
    ...mergeRequestEntity(mr, baseUrl, { requestedProjectId: mr.projectId }),
    changes: files.rows.map((file) => diffEntity(storedAsDiffFile(file), unidiff ?? false)),
    overflow: files.total > files.rows.length,
  });
});

/** GET .../diffs: the stored diff's files, a page of them (GitLab's default 20), each with its whole text. */
export const mergeRequestDiffsRoute = mergeRequestRoute(async ({ mr, request, url }) => {
  const [page, unidiff] = readAll(() => pageParams(url.searchParams), () => booleanParam(url.searchParams.get("unidiff"), "unidiff"));
  const diff = await findMergeRequestDiff(mr.id);
  if (!diff) return json([], { headers: paginationHeaders(request, 0, page) });
  const { rows, total } = await listMergeRequestDiffFiles(diff.id, page, { text: "all" });
  return json(
    rows.map((file) => diffEntity(storedAsDiffFile(file), unidiff ?? false)),
    { headers: paginationHeaders(request, total, page) },
  );
});

/** GET .../commits: the stored diff's commits, newest first. */
export const mergeRequestCommitsRoute = mergeRequestRoute(async ({ mr, project, request, url, baseUrl }) => {
  const [page] = readAll(() => pageParams(url.searchParams));
  const diff = await findMergeRequestDiff(mr.id);
  const { rows, total } = diff ? await listMergeRequestCommits(diff.id, page) : { rows: [], total: 0 };
  const projectUrl = `${baseUrl}/${project.fullPath}`;
  return json(rows.map((commit) => mergeRequestCommitEntity(commit, projectUrl)), { headers: paginationHeaders(request, total, page) });
});

/** GET .../notes: newest first unless asked otherwise, internal notes for Reporters and up. */
export const mergeRequestNotesRoute = mergeRequestRoute(async ({ request, url, mr, baseUrl }) => {
  const q = url.searchParams;
  const [orderBy, sort, page] = readAll(
    () => choiceParam(q.get("order_by"), "order_by", ["created_at", "updated_at"]),
    () => choiceParam(q.get("sort"), "sort", ["asc", "desc"]),
    () => pageParams(q),
  );
  const { rows, total } = await listNotes({ noteableType: "MergeRequest", noteableId: mr.id, canReadConfidential: mr.canReadConfidential }, { orderBy: orderBy ?? "created_at", sort: sort ?? "desc", ...page });
  return json(rows.map((note) => ({ ...noteEntity(note, baseUrl), noteable_iid: mr.iid })), { headers: paginationHeaders(request, total, page) });
});

/** GET .../discussions: threads oldest first, diff notes with their positions, resolved ones saying by whom. */
export const mergeRequestDiscussionsRoute = mergeRequestRoute(async ({ request, url, mr, baseUrl }) => {
  const [page] = readAll(() => pageParams(url.searchParams));
  const { rows, total } = await listDiscussions({ noteableType: "MergeRequest", noteableId: mr.id, canReadConfidential: mr.canReadConfidential }, page);
  return json(rows.map((discussion) => discussionEntity(discussion, baseUrl, mr.iid)), { headers: paginationHeaders(request, total, page) });
});

/** GET .../approvals. */
export const mergeRequestApprovalsRoute = mergeRequestRoute(async ({ mr, baseUrl, viewer }) => json(approvalsEntity(mr, baseUrl, viewer.anonymous ? null : viewer.id)));

/** GET .../pipelines: the merge request's pipelines, newest first; 403 when the caller may not read pipelines. */
export const mergeRequestPipelinesRoute = mergeRequestRoute(async ({ mr, project, request, url, viewer, baseUrl }) => {
  if (!canReadPipelines(viewer, project)) return json({ message: "403 Forbidden" }, { status: 403 });
  const [page] = readAll(() => pageParams(url.searchParams));
  const { rows, total } = await listPipelines(project.id, { mergeRequestIid: mr.iid, ...page });
  const projectUrl = `${baseUrl}/${project.fullPath}`;
  return json(rows.map((pipeline) => pipelineBasic(pipeline, projectUrl)), { headers: paginationHeaders(request, total, page) });
});
