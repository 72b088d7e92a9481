import { apiRoute, booleanParam, json, labelEntity, notFound, pageParams, paginationHeaders, readAll } from "@/lib/api";
import { listLabels } from "@/lib/content";
import { findGroup } from "@/lib/groups";

// GitLab's group labels API authenticates every call, public groups' too.
export const GET = apiRoute<{ id: string }>("read", async ({ request, url, viewer, params }) => {
  const q = url.searchParams;
  const [page] = readAll(
    () => pageParams(q),
    ...["with_counts", "include_ancestor_groups", "include_descendant_groups", "only_group_labels"].map((name) => () => booleanParam(q.get(name), name)),
  );
  const group = await findGroup(viewer, params.id);
  if (!group) return notFound("Group Not");
  const { rows, total } = await listLabels({ groupId: group.id }, { ...page, search: q.get("search") ?? undefined });
  return json(rows.map(labelEntity), { headers: paginationHeaders(request, total, page) });
});
