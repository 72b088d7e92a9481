import { protectedBranchesOf, protectedBranchNamed, protectedTagNamed, protectedTagsOf, refUserNames } from "@/lib/projects";
import { protectedBranchEntity, protectedTagEntity } from "./entities/protected-refs";
import { pageParams, paginationHeaders } from "./pagination";
import { readAll } from "./param-error";
import { repositoryRoute } from "./repository-route";
import { json, notFound } from "./responses";

/** A page of a list already read whole (a project has a handful of rules): the rows and GitLab's headers. */
function paged<T>(request: Request, url: URL, rows: T[]) {
  const [page] = readAll(() => pageParams(url.searchParams));
  const start = (page.page - 1) * page.perPage;
  return { rows: rows.slice(start, start + page.perPage), headers: paginationHeaders(request, rows.length, page) };
}

/** GET /projects/:id/protected_branches: the project's protected branch rules by name, `search` filtering them. */
export const protectedBranchesRoute = repositoryRoute({ tail: "protected_branches" }, async ({ request, url, project }) => {
  const search = url.searchParams.get("search")?.toLowerCase();
  const rules = (await protectedBranchesOf(project)).filter((rule) => !search || rule.name.toLowerCase().includes(search));
  const { rows, headers } = paged(request, url, rules);
  const names = await refUserNames(rows.flatMap((rule) => [...rule.pushAccessLevels, ...rule.mergeAccessLevels, ...rule.unprotectAccessLevels]));
  return json(rows.map((rule) => protectedBranchEntity(rule, names)), { headers });
});

/** GET /projects/:id/protected_branches/:name (URL-encoded; a wildcard is its own name): one rule. */
export const protectedBranchRoute = repositoryRoute<"name">({ tail: "protected_branches/:name" }, async ({ params, project }) => {
  const rule = await protectedBranchNamed(project, params.name);
  if (!rule) return notFound();
  return json(protectedBranchEntity(rule, await refUserNames([...rule.pushAccessLevels, ...rule.mergeAccessLevels, ...rule.unprotectAccessLevels])));
});

/** GET /projects/:id/protected_tags: the project's protected tag rules by name. */
export const protectedTagsRoute = repositoryRoute({ tail: "protected_tags" }, async ({ request, url, project }) => {
  const { rows, headers } = paged(request, url, await protectedTagsOf(project.id));
  const names = await refUserNames(rows.flatMap((rule) => rule.createAccessLevels));
  return json(rows.map((rule) => protectedTagEntity(rule, names)), { headers });
});

/** GET /projects/:id/protected_tags/:name: one rule, or "404 Not Found". */
export const protectedTagRoute = repositoryRoute<"name">({ tail: "protected_tags/:name" }, async ({ params, project }) => {
  const rule = await protectedTagNamed(project.id, params.name);
  if (!rule) return notFound();
  return json(protectedTagEntity(rule, await refUserNames(rule.createAccessLevels)));
});
