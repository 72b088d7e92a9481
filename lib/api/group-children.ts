import { findGroup, listGroups } from "@/lib/groups";
import { apiRoute } from "./request-auth";
import { baseUrlOf } from "./base-url";
import { groupEntity } from "./entities/group";
import { pageParams, paginationHeaders } from "./pagination";
import { json, notFound } from "./responses";

/** GET /groups/:id/subgroups and /descendant_groups: the same listing, one level or all levels down. */
export function groupChildrenRoute(depth: "children" | "descendants") {
  return apiRoute<{ id: string }>("read", async ({ request, url, identity, params }) => {
    const group = await findGroup(identity.user, decodeURIComponent(params.id));
    if (!group) return notFound("Group Not");
    const page = pageParams(url.searchParams);
    const { rows, total } = await listGroups(identity.user, {
      ...page,
      search: url.searchParams.get("search") ?? undefined,
      ...(depth === "children" ? { parentId: group.id } : { descendantsOf: group.id }),
    });
    const base = baseUrlOf(request);
    return json(rows.map((g) => groupEntity(g, base)), { headers: paginationHeaders(request, total, page) });
  });
}
