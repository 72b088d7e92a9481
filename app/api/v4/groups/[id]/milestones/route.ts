import { apiRoute, baseUrlOf, booleanParam, choiceParam, json, milestoneEntity, notFound, pageParams, paginationHeaders, queryList, readAll, rowIdListParam } from "@/lib/api";
import { listMilestones } from "@/lib/content";
import { findGroup } from "@/lib/groups";

// GitLab's group milestones API authenticates every call, public groups' too.
export const GET = apiRoute<{ id: string }>("read", async ({ request, url, viewer, params }) => {
  const q = url.searchParams;
  const [state, iids, page] = readAll(
    () => choiceParam(q.get("state"), "state", ["active", "closed", "all"]),
    () => rowIdListParam(queryList(q, "iids"), "iids"),
    () => pageParams(q),
    () => booleanParam(q.get("include_ancestors"), "include_ancestors"),
    () => booleanParam(q.get("include_descendants"), "include_descendants"),
  );
  const group = await findGroup(viewer, params.id);
  if (!group) return notFound("Group Not");
  const { rows, total } = await listMilestones({ groupId: group.id }, {
    ...page,
    state: state === "all" ? undefined : state,
    search: q.get("search") ?? undefined,
    title: q.get("title") ?? undefined,
    iids,
  });
  const base = baseUrlOf(request);
  return json(rows.map((m) => milestoneEntity(m, group, base)), { headers: paginationHeaders(request, total, page) });
});
