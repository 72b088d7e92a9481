import { findMilestone, listMilestones, ownedBy, ownerPathsOf, type Milestone } from "@/lib/content";
import { baseUrlOf } from "./base-url";
import { booleanParam } from "./booleans";
import { contentRoute, type ContentParent, type ParentKind } from "./content-parent";
import { milestoneEntity } from "./entities/content";
import { pathRowId, rowIdListParam } from "./ids";
import { pageParams, paginationHeaders } from "./pagination";
import { readAll } from "./param-error";
import { queryList } from "./params";
import { json, recordNotFound } from "./responses";
import { choiceParam } from "./strings";

/** Milestones as entities, each with its owner's id and address (the parent's, or an ancestor group's). */
async function entities(rows: Milestone[], parent: ContentParent, baseUrl: string) {
  const own = (m: Milestone) => ownedBy(m, parent.owner);
  const ownerOf = await ownerPathsOf(rows.filter((m) => !own(m)));
  // An ancestor's path is there: the row was read with it, and a group's delete removes its milestones.
  return rows.map((m) => milestoneEntity(m, own(m) ? parent.path : ownerOf(m)!, baseUrl));
}

/**
 * GET /groups/:id/milestones and /projects/:id/milestones: `state`, `title`, `search`, `iids[]`, and
 * `include_ancestors` (the ancestor groups' too; false by default). GitLab authenticates every call.
 */
export const milestonesRoute = (kind: ParentKind) =>
  contentRoute(kind, "read", "read_milestone", async ({ request, url, findParent }) => {
    const q = url.searchParams;
    const [state, iids, page, ancestors] = readAll(
      () => choiceParam(q.get("state"), "state", ["active", "closed", "all"]),
      () => rowIdListParam(queryList(q, "iids"), "iids"),
      () => pageParams(q),
      () => booleanParam(q.get("include_ancestors"), "include_ancestors"),
      () => (kind === "group" ? booleanParam(q.get("include_descendants"), "include_descendants") : undefined),
    );
    const parent = await findParent();
    if (parent instanceof Response) return parent;
    const { rows, total } = await listMilestones(ancestors ? [parent.owner, ...parent.ancestors] : parent.owner, {
      ...page,
      state: state === "all" ? undefined : state,
      search: q.get("search") ?? undefined,
      title: q.get("title") ?? undefined,
      iids,
    });
    return json(await entities(rows, parent, baseUrlOf(request)), { headers: paginationHeaders(request, total, page) });
  });

/** GET /groups/:id/milestones/:milestone_id and /projects/:id/milestones/:milestone_id: one of the parent's own, by id. */
export const milestoneRoute = (kind: ParentKind) =>
  contentRoute<{ milestone_id: string }>(kind, "read", "read_milestone", async ({ request, params, findParent }) => {
    const id = pathRowId(params.milestone_id, "milestone_id");
    const parent = await findParent();
    if (parent instanceof Response) return parent;
    const milestone = await findMilestone(parent.owner, id);
    return milestone ? json(milestoneEntity(milestone, parent.path, baseUrlOf(request))) : recordNotFound();
  });
