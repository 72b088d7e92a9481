import { findGroup, listGroups } from "@/lib/groups";
import { apiRoute } from "./request-auth";
import { baseUrlOf } from "./base-url";
import { groupEntity } from "./entities/group";
import { pageParams, paginationHeaders } from "./pagination";
import { json, notFound } from "./responses";

/** GET /groups/:id/subgroups and /descendant_groups: the same listing, one level or all levels down; public as on GitLab. */
export function groupChildrenRoute(depth: "children" | "descendants") {
  return apiRoute<{ id: string }>("public", async ({ request, url, viewer, params }) => {
    const page = pageParams(url.searchParams);
    const group = await findGroup(viewer, params.id);
    if (!group) return notFound("Group Not");
    const { rows, total } = await listGroups(viewer, {
      ...page,
      search: url.searchParams.get("search") || undefined,
      ...(depth === "children" ? { parentId: group.id } : { descendantsOf: group.id }),
    });
    const base = baseUrlOf(request);
    return json(rows.map((g) => groupEntity(g, base)), { headers: paginationHeaders(request, total, page) });
  });
}
