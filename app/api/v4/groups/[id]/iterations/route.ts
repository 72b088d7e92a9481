import { apiRoute, baseUrlOf, boolParam, invalidParam, iterationEntity, json, notFound, pageParams, paginationHeaders } from "@/lib/api";
import { findGroup, ITERATION_FILTERS, listIterations, type IterationFilter } from "@/lib/groups";

const SEARCH_IN = ["title", "cadence_title"] as const;

function dateParam(value: string | null): Date | null | undefined {
  if (value === null || value === "") return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** GET /groups/:id/iterations (GitLab Premium's group iterations API): the group's and, by default, its ancestors'. */
export const GET = apiRoute<{ id: string }>("read", async ({ request, url, identity, params }) => {
  const group = await findGroup(identity.user, decodeURIComponent(params.id));
  if (!group) return notFound("Group Not");
  const q = url.searchParams;
  const state = q.get("state") || "all";
  if (!(ITERATION_FILTERS as readonly string[]).includes(state)) return invalidParam("state");
  const includeAncestorsRaw = q.get("include_ancestors");
  const includeAncestors = includeAncestorsRaw === null ? true : boolParam(includeAncestorsRaw);
  if (includeAncestors === undefined) return invalidParam("include_ancestors");
  const searchIn = [...q.getAll("in[]"), ...(q.get("in")?.split(",") ?? [])].map((s) => s.trim()).filter(Boolean);
  if (searchIn.some((field) => !(SEARCH_IN as readonly string[]).includes(field))) return invalidParam("in");
  const updatedBefore = dateParam(q.get("updated_before"));
  if (updatedBefore === null) return invalidParam("updated_before");
  const updatedAfter = dateParam(q.get("updated_after"));
  if (updatedAfter === null) return invalidParam("updated_after");

  // traversal_ids run from the root down to the group, one id per segment of its full path.
  const groupIds = includeAncestors ? group.traversalIds : [group.id];
  const segments = group.fullPath.split("/");
  const fullPathOf = new Map(group.traversalIds.map((id, i) => [id, segments.slice(0, i + 1).join("/")]));
  const page = pageParams(q);
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
