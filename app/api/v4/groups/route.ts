import { z } from "zod";
import {
  apiRoute,
  baseUrlOf,
  boolParam,
  groupEntity,
  invalidParam,
  json,
  missingParam,
  pageParams,
  paginationHeaders,
  readParams,
} from "@/lib/api";
import { createGroup, GroupError, listGroups } from "@/lib/groups";

const listQuery = z.object({
  search: z.string().optional(),
  min_access_level: z.coerce.number().int().refine((n) => [5, 10, 15, 20, 30, 40, 50].includes(n)).optional(),
  order_by: z.enum(["name", "path", "id", "created_at"]).optional(),
  sort: z.enum(["asc", "desc"]).optional(),
});

export const GET = apiRoute("read", async ({ request, url, identity }) => {
  const query = listQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) return invalidParam(String(query.error.issues[0]?.path[0] ?? "params"));
  const page = pageParams(url.searchParams);
  const owned = boolParam(url.searchParams.get("owned"));
  const { rows, total } = await listGroups(identity.user, {
    ...page,
    search: query.data.search,
    minAccessLevel: owned ? 50 : query.data.min_access_level,
    topLevelOnly: boolParam(url.searchParams.get("top_level_only")),
    orderBy: query.data.order_by,
    sort: query.data.sort,
  });
  const base = baseUrlOf(request);
  return json(
    rows.map((g) => groupEntity(g, base)),
    { headers: paginationHeaders(request, total, page) },
  );
});

export const POST = apiRoute("write", async ({ request, identity }) => {
  const params = await readParams(request);
  for (const required of ["name", "path"]) if (!params[required]) return missingParam(required);
  const parentId = params.parent_id === undefined || params.parent_id === "" ? null : Number(params.parent_id);
  if (parentId !== null && !Number.isInteger(parentId)) return invalidParam("parent_id");
  try {
    const group = await createGroup(identity.user, {
      name: String(params.name),
      path: String(params.path),
      parentId,
      description: params.description === undefined ? undefined : String(params.description),
      visibility: params.visibility === undefined ? undefined : (String(params.visibility) as "private"),
    });
    return json(groupEntity(group, baseUrlOf(request)), { status: 201 });
  } catch (error) {
    if (!(error instanceof GroupError)) throw error;
    if (error.status === 403 || error.status === 404) return json({ message: error.message }, { status: error.status });
    return json({ message: { [error.field ?? "base"]: [error.message] } }, { status: 400 });
  }
});
