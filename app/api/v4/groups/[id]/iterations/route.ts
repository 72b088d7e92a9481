import { apiRoute, baseUrlOf, booleanParam, dateTimeParam, invalid, iterationEntity, json, notFound, pageParams, paginationHeaders, readAll } from "@/lib/api";
import { findGroup, ITERATION_FILTERS, listIterations, type IterationFilter } from "@/lib/groups";

const SEARCH_IN = ["title", "cadence_title"] as const;

/**
 * GET /groups/:id/iterations (GitLab Premium's group iterations API): the group's and, by default, its ancestors'.
 * Public for a public group: GitLab's iterations API only asks for read_iteration, which anonymous users have there.
 */
export const GET = apiRoute<{ id: string }>("public", async ({ request, url, viewer, params }) => {
  const q = url.searchParams;
  const state = q.get("state") || "all";
  const searchIn = [...q.getAll("in[]"), ...(q.get("in")?.split(",") ?? [])].map((s) => s.trim()).filter(Boolean);
  const [includeAncestors, updatedBefore, updatedAfter, page] = readAll(
    () => booleanParam(q.get("include_ancestors"), "include_ancestors") ?? true,
    () => dateTimeParam(q.get("updated_before"), "updated_before"),
    () => dateTimeParam(q.get("updated_after"), "updated_after"),
    () => pageParams(q),
    () => booleanParam(q.get("include_descendants"), "include_descendants"),
    // Ferry's own wording for these two, which its clients already know: "is invalid", not Grape's "does not have a valid value".
    () => {
      if (!(ITERATION_FILTERS as readonly string[]).includes(state)) throw invalid("state");
    },
    () => {
      if (!searchIn.every((field) => (SEARCH_IN as readonly string[]).includes(field))) throw invalid("in");
    },
  );
  const group = await findGroup(viewer, params.id);
  if (!group) return notFound("Group Not");

  // traversal_ids run from the root down to the group, one id per segment of its full path.
  const groupIds = includeAncestors ? group.traversalIds : [group.id];
  const segments = group.fullPath.split("/");
  const fullPathOf = new Map(group.traversalIds.map((id, i) => [id, segments.slice(0, i + 1).join("/")]));
  const { rows, total } = await listIterations(groupIds, {
    ...page,
    state: state as IterationFilter,
    search: q.get("search") || undefined,
    searchIn: searchIn as (typeof SEARCH_IN)[number][],
    updatedBefore,
    updatedAfter,
  });
  const base = baseUrlOf(request);
  return json(
    rows.map((iteration) => iterationEntity(iteration, fullPathOf.get(iteration.groupId) ?? group.fullPath, base)),
    { headers: paginationHeaders(request, total, page) },
  );
});
