import { apiRoute, baseUrlOf, invalidParam, json, milestoneEntity, notFound, pageParams, paginationHeaders } from "@/lib/api";
import { listMilestones } from "@/lib/content";
import { findGroup } from "@/lib/groups";

export const GET = apiRoute<{ id: string }>("read", async ({ request, url, identity, params }) => {
  const group = await findGroup(identity.user, decodeURIComponent(params.id));
  if (!group) return notFound("Group Not");
  const state = url.searchParams.get("state");
  if (state && state !== "active" && state !== "closed" && state !== "all") return invalidParam("state");
  const iids = url.searchParams.getAll("iids[]").map(Number).filter(Number.isInteger);
  const page = pageParams(url.searchParams);
  const { rows, total } = await listMilestones({ groupId: group.id }, {
    ...page,
    state: state === "active" || state === "closed" ? state : undefined,
    search: url.searchParams.get("search") ?? undefined,
    title: url.searchParams.get("title") ?? undefined,
    iids,
  });
  const base = baseUrlOf(request);
  return json(rows.map((m) => milestoneEntity(m, group, base)), { headers: paginationHeaders(request, total, page) });
});
