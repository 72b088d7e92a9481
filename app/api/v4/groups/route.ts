import {
  apiRoute,
  baseUrlOf,
  booleanParam,
  choiceParam,
  groupEntity,
  integerChoice,
  integerParam,
  json,
  missingParam,
  pageParams,
  paginationHeaders,
  readAll,
  readParams,
  rowIdParam,
  stringParam,
} from "@/lib/api";
import { createGroup, GroupError, listGroups } from "@/lib/groups";

const ACCESS_LEVELS = [5, 10, 15, 20, 30, 40, 50];

/** GET /groups: public without a token (public groups only), as on GitLab. Every parameter is checked first. */
export const GET = apiRoute("public", async ({ request, url, viewer }) => {
  const q = url.searchParams;
  const [page, minAccessLevel, owned, topLevelOnly, orderBy, sort] = readAll(
    () => pageParams(q),
    () => integerChoice(integerParam(q.get("min_access_level"), "min_access_level"), "min_access_level", ACCESS_LEVELS),
    () => booleanParam(q.get("owned"), "owned"),
    () => booleanParam(q.get("top_level_only"), "top_level_only"),
    () => choiceParam(q.get("order_by"), "order_by", ["name", "path", "id", "created_at"]),
    () => choiceParam(q.get("sort"), "sort", ["asc", "desc"]),
    () => booleanParam(q.get("all_available"), "all_available"),
    () => booleanParam(q.get("statistics"), "statistics"),
  );
  const { rows, total } = await listGroups(viewer, {
    ...page,
    search: q.get("search") || undefined,
    minAccessLevel: owned ? 50 : minAccessLevel,
    topLevelOnly,
    orderBy,
    sort,
  });
  const base = baseUrlOf(request);
  return json(
    rows.map((g) => groupEntity(g, base)),
    { headers: paginationHeaders(request, total, page) },
  );
});

export const POST = apiRoute("write", async ({ request, identity }) => {
  const params = await readParams(request);
  const [name, path, description, visibility, parentId] = readAll(
    () => stringParam(params.name, "name"),
    () => stringParam(params.path, "path"),
    () => stringParam(params.description, "description"),
    () => choiceParam(params.visibility, "visibility", ["private", "internal", "public"]),
    () => rowIdParam(params.parent_id, "parent_id"),
  );
  if (!name) return missingParam("name");
  if (!path) return missingParam("path");
  try {
    const group = await createGroup(identity.user, { name, path, parentId: parentId ?? null, description, visibility });
    return json(groupEntity(group, baseUrlOf(request)), { status: 201 });
  } catch (error) {
    if (!(error instanceof GroupError)) throw error;
    if (error.status === 403 || error.status === 404) return json({ message: error.message }, { status: error.status });
    return json({ message: { [error.field ?? "base"]: [error.message] } }, { status: 400 });
  }
});
