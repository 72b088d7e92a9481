import { ACCESS_LEVELS } from "@/lib/db";
import { canPushRepository, protectedBranchesOf, releasesOfTags, refAccessAllows, refActor, refPatternMatches, type ProjectWithAccess, type RefActor } from "@/lib/projects";
import { branch, GitNotFoundError, listBranches, listTags, refNameProblem, tag } from "@/lib/repositories";
import type { Viewer } from "@/lib/viewer";
import { branchEntity, tagEntity, type BranchProtection } from "./entities/repository";
import { pageParams, paginationHeaders } from "./pagination";
import { readAll } from "./param-error";
import { repositoryRoute } from "./repository-route";
import { json } from "./responses";
import { choiceParam } from "./strings";

const BRANCH_SORTS = ["name_asc", "updated_asc", "updated_desc"] as const;
type BranchSort = (typeof BRANCH_SORTS)[number];

// Someone who is a Developer of the project and nothing more: whether such a user may push to a protected branch.
const DEVELOPER: RefActor = { userId: 0, accessLevel: ACCESS_LEVELS.developer, isAdmin: false };

/**
 * What Entities::Branch says of protection, for this viewer: a branch is protected when one of the project's rules
 * matches it (wildcards too), and the most permissive matching rule decides who pushes and merges.
 */
async function branchProtection(project: ProjectWithAccess, viewer: Viewer): Promise<(name: string) => BranchProtection> {
  const rules = await protectedBranchesOf(project);
  const actor = refActor(project, viewer);
  const mayPush = canPushRepository(viewer, project, "project");
  return (name) => {
    const matching = rules.filter((rule) => refPatternMatches(rule.name, name));
    const isProtected = matching.length > 0;
    return {
      protected: isProtected,
      developers_can_push: isProtected && matching.some((rule) => refAccessAllows(rule.pushAccessLevels, DEVELOPER)),
      developers_can_merge: isProtected && matching.some((rule) => refAccessAllows(rule.mergeAccessLevels, DEVELOPER)),
      can_push: mayPush && (!isProtected || matching.some((rule) => refAccessAllows(rule.pushAccessLevels, actor))),
    };
  };
}

/**
 * GET /projects/:id/repository/branches: a page of branches by name (or `sort` updated_asc / updated_desc), filtered by
 * `search` (`^prefix`, `suffix$` or a part of the name). An empty repository has none.
 */
export const branchesRoute = repositoryRoute({ tail: "repository/branches" }, async ({ request, url, repo, project, viewer, projectUrl }) => {
  const q = url.searchParams;
  const [page] = readAll(() => pageParams(q));
  const sortParam = q.get("sort");
  // GitLab's BranchesFinder takes any `sort` and orders an unknown one by name.
  const sort: BranchSort = (BRANCH_SORTS as readonly string[]).includes(sortParam ?? "") ? (sortParam as BranchSort) : "name_asc";
  const listed = await listBranches(repo, { search: q.get("search") || undefined, sort, page: page.page, perPage: page.perPage });
  const protection = await branchProtection(project, viewer);
  return json(
    listed.branches.map((found) => branchEntity(found, projectUrl, protection(found.name))),
    { headers: paginationHeaders(request, listed.total, page) },
  );
});

/**
 * GET /projects/:id/repository/branches/:branch (URL-encoded, `feature%2Fx`): one branch; a name git would refuse is
 * GitLab's 400 "The branch refname is invalid". HEAD answers 204 when the branch exists, 404 otherwise.
 */
export const branchRoute = repositoryRoute<"branch">({ tail: "repository/branches/:branch" }, async ({ request, repo, params, project, viewer, projectUrl }) => {
  if (request.method === "HEAD") {
    if (refNameProblem(params.branch)) return new Response(null, { status: 404 });
    try {
      await branch(repo, params.branch);
    } catch (error) {
      if (error instanceof GitNotFoundError) return new Response(null, { status: 404 });
      throw error;
    }
    return new Response(null, { status: 204 });
  }
  if (refNameProblem(params.branch)) return json({ message: "The branch refname is invalid" }, { status: 400 });
  const found = await branch(repo, params.branch);
  return json(branchEntity(found, projectUrl, (await branchProtection(project, viewer))(found.name)));
});

/**
 * GET /projects/:id/repository/tags: a page of tags, newest first by default (`order_by` updated, name or version;
 * `sort` asc or desc), filtered by `search` as branches are.
 */
export const tagsRoute = repositoryRoute({ tail: "repository/tags" }, async ({ request, url, repo, project, projectUrl }) => {
  const q = url.searchParams;
  const [page, orderBy, sort] = readAll(
    () => pageParams(q),
    () => choiceParam(q.get("order_by"), "order_by", ["name", "updated", "version"] as const),
    () => choiceParam(q.get("sort"), "sort", ["asc", "desc"] as const),
  );
  const listed = await listTags(repo, { search: q.get("search") || undefined, orderBy, sort, page: page.page, perPage: page.perPage });
  const releases = await releasesOfTags(project.id, listed.tags.map((found) => found.name));
  return json(
    listed.tags.map((found) => tagEntity(found, projectUrl, releases.get(found.name))),
    { headers: paginationHeaders(request, listed.total, page) },
  );
});

/** GET /projects/:id/repository/tags/:tag_name (URL-encoded): one tag, or "404 Tag Not Found". */
export const tagRoute = repositoryRoute<"tag_name">({ tail: "repository/tags/:tag_name" }, async ({ repo, params, project, projectUrl }) => {
  const found = await tag(repo, params.tag_name);
  return json(tagEntity(found, projectUrl, (await releasesOfTags(project.id, [found.name])).get(found.name)));
});
