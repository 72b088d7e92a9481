import { commitDiff, commitRefs, compare, getCommit, listCommits, resolveRevision, type Commit } from "@/lib/repositories";
import { booleanParam } from "./booleans";
import { dateTimeParam } from "./dates";
import { commitDetailEntity, commitEntity, diffEntity } from "./entities/repository";
import { integerParam } from "./ids";
import { pageParams, paginationHeaders, uncountedPaginationHeaders } from "./pagination";
import { ParamError, readAll } from "./param-error";
import { repositoryRoute } from "./repository-route";
import { json } from "./responses";
import { choiceParam } from "./strings";

/**
 * What Gitaly refuses as a revision before git sees it (ValidateRevision), which GitLab's commits listing answers with
 * a 400: a leading `-` (an option), whitespace, `:`, a NUL or a line break. Other names git cannot resolve list nothing.
 */
const refusedRevision = (revision: string) => revision.startsWith("-") || /[\s:\0]/.test(revision);

// Commits whose stats are computed at once for `with_stats` (each is a diff-tree; the machine has few cores).
const STATS_AT_ONCE = 4;

/** Paths name files and directories alike; git takes `dir/` as `dir`. */
const pathParam = (value: string | null) => value?.replace(/\/+$/, "") || undefined;

/**
 * GET /projects/:id/repository/commits: a page of history, newest first, from `ref_name` (the default branch) or
 * `all` refs, filtered by `path`, `since`, `until`, `author`, `first_parent`, in `order`. As GitLab, the listing is not
 * counted: no x-total or x-total-pages, and a next page only when there is one. An unknown ref lists nothing.
 */
export const commitsRoute = repositoryRoute({ tail: "repository/commits" }, async ({ request, url, repo, projectUrl }) => {
  const q = url.searchParams;
  const [page, since, until, all, withStats, firstParent, order, trailers] = readAll(
    () => pageParams(q),
    () => dateTimeParam(q.get("since"), "since"),
    () => dateTimeParam(q.get("until"), "until"),
    () => booleanParam(q.get("all"), "all") ?? false,
    () => booleanParam(q.get("with_stats"), "with_stats") ?? false,
    () => booleanParam(q.get("first_parent"), "first_parent") ?? false,
    () => choiceParam(q.get("order"), "order", ["default", "topo"] as const),
    () => booleanParam(q.get("trailers"), "trailers") ?? false,
  );
  const ref = all ? undefined : q.get("ref_name") || undefined;
  if (ref !== undefined && refusedRevision(ref)) return json({ message: "ref_name is invalid" }, { status: 400 });
  const listed = await listCommits(repo, {
    ref,
    all,
    path: pathParam(q.get("path")),
    since,
    until,
    author: q.get("author") || undefined,
    firstParent,
    order,
    page: page.page,
    perPage: page.perPage,
  });
  const stats = withStats ? await statsOf(repo, listed.commits) : undefined;
  const body = listed.commits.map((commit, index) => ({ ...commitEntity(commit, projectUrl, { trailers }), ...(stats ? { stats: stats[index] } : {}) }));
  return json(body, { headers: uncountedPaginationHeaders(request, listed.hasMore, page) });
});

async function statsOf(repo: string, commits: readonly Commit[]) {
  const stats = [];
  for (let at = 0; at < commits.length; at += STATS_AT_ONCE) {
    const details = await Promise.all(commits.slice(at, at + STATS_AT_ONCE).map((commit) => getCommit(repo, commit.id, { stats: true })));
    stats.push(...details.map((detail) => detail.stats!));
  }
  return stats;
}

/** GET /projects/:id/repository/commits/:sha (a commit id, branch or tag): Entities::CommitDetail, `stats` unless `stats=false`. */
export const commitRoute = repositoryRoute<"sha">({ tail: "repository/commits/:sha" }, async ({ url, repo, params, project, projectUrl }) => {
  const [stats] = readAll(() => booleanParam(url.searchParams.get("stats"), "stats") ?? true);
  return json(commitDetailEntity(await getCommit(repo, params.sha, { stats }), projectUrl, project.id));
});

/** GET /projects/:id/repository/commits/:sha/diff: the commit's changes against its first parent, paginated; `unidiff` adds the file headers. */
export const commitDiffRoute = repositoryRoute<"sha">({ tail: "repository/commits/:sha/diff" }, async ({ request, url, repo, params }) => {
  const q = url.searchParams;
  const [page, unidiff] = readAll(
    () => pageParams(q),
    () => booleanParam(q.get("unidiff"), "unidiff") ?? false,
  );
  const { diffs } = await commitDiff(repo, params.sha);
  const start = (page.page - 1) * page.perPage;
  return json(
    diffs.slice(start, start + page.perPage).map((file) => diffEntity(file, unidiff)),
    { headers: paginationHeaders(request, diffs.length, page) },
  );
});

/**
 * GET /projects/:id/repository/commits/:sha/refs: the branches and tags that contain the commit (`type` branch, tag or
 * all), branches first. Only as many are read as the page needs, so the listing is not counted, as on GitLab.
 */
export const commitRefsRoute = repositoryRoute<"sha">({ tail: "repository/commits/:sha/refs" }, async ({ request, url, repo, params }) => {
  const q = url.searchParams;
  const [page, type] = readAll(
    () => pageParams(q),
    () => choiceParam(q.get("type"), "type", ["branch", "tag", "all"] as const) ?? "all",
  );
  const { refs, truncated } = await commitRefs(repo, params.sha, type, { limit: page.page * page.perPage });
  const start = (page.page - 1) * page.perPage;
  return json(refs.slice(start, start + page.perPage), { headers: uncountedPaginationHeaders(request, truncated, page) });
});

/**
 * GET /projects/:id/repository/compare?from=&to=: the commits of `to` that `from` lacks (oldest first) and the diff
 * from their merge base (or, `straight`, from `from` itself). "404 Ref Not Found" when either names nothing. Ferry has
 * no forks: `from_project_id` may only name this project. `compare_timeout` is GitLab's: the diff was cut by its limits.
 */
export const compareRoute = repositoryRoute({ tail: "repository/compare" }, async ({ url, repo, project, projectUrl }) => {
  const q = url.searchParams;
  const [from, to, straight, fromProjectId, unidiff] = readAll(
    () => required(q, "from"),
    () => required(q, "to"),
    () => booleanParam(q.get("straight"), "straight") ?? false,
    () => integerParam(q.get("from_project_id"), "from_project_id"),
    () => booleanParam(q.get("unidiff"), "unidiff") ?? false,
  );
  if (fromProjectId !== undefined && fromProjectId !== project.id) {
    return json({ message: `Target project id:${fromProjectId} is not a fork of project id:${project.id}` }, { status: 400 });
  }
  const result = await compare(repo, from, to, { straight });
  const [fromId, toId] = await Promise.all([resolveRevision(repo, from), resolveRevision(repo, to)]);
  return json({
    commit: result.commit ? commitEntity(result.commit, projectUrl) : null,
    commits: result.commits.map((commit) => commitEntity(commit, projectUrl)),
    diffs: result.diffs.map((file) => diffEntity(file, unidiff)),
    compare_timeout: result.compare_timeout || result.overflow,
    compare_same_ref: result.compare_same_ref,
    web_url: `${projectUrl}/-/compare/${fromId}...${toId}`,
  });
});

function required(q: URLSearchParams, name: string): string {
  const value = q.get(name);
  if (value === null) throw new ParamError(`${name} is missing`);
  return value;
}
