import type { PathAvailabilityJson } from "@/lib/migration/wire";
import { pathAvailability } from "@/lib/sources";
import { errorJson, sessionJsonRoute } from "../json-route";

export const dynamic = "force-dynamic";

/**
 * Whether `path` is taken under `parent_id` (empty: the top level), and a free suggestion when it is; with
 * `kind=project`, for a project in that group (its projects and subgroups share the group's paths).
 */
export const GET = sessionJsonRoute(async ({ request, user }) => {
  const params = new URL(request.url).searchParams;
  const path = params.get("path") ?? "";
  if (!path || path.length > 255) return errorJson(400, "path is missing or too long");
  const rawParent = params.get("parent_id") ?? "";
  const parentId = rawParent === "" ? null : Number(rawParent);
  if (parentId !== null && (!Number.isInteger(parentId) || parentId <= 0)) return errorJson(400, "parent_id is invalid");
  const kind = params.get("kind") === "project" ? "project" : "group";
  const answer = await pathAvailability(user, parentId, path, kind);
  if (!answer) return errorJson(404, kind === "project" ? "Group not found, or you cannot create projects in it." : "Parent group not found, or you cannot create subgroups in it.");
  const body: PathAvailabilityJson = answer;
  return Response.json(body);
});
