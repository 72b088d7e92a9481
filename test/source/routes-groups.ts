import type { RequestContext } from "./context";
import type { SourceGroup } from "./fixture-store";
import { pageParams, pageRange, paginationHeaders, type PageParams } from "./pagination";
import { badgeJson, groupJson, memberJson } from "./presenters";
import { countRecords, readRecords } from "./relation-source";
import { apiError, bufferBody, grapeError, sendBody, sendJson } from "./respond";
import { ACCESS } from "./types";

const MIN_ACCESS_LEVELS = new Set([10, 15, 20, 30, 40, 50]);
const truthy = (value: string | null) => value === "true" || value === "1";

/** A user sees a group they (or an ancestor's membership) give them access to, and any internal or public group. */
export function canSee(ctx: RequestContext, group: SourceGroup): boolean {
  return ctx.user.isAdmin || group.visibilityLevel >= 10 || ctx.store.accessLevel(group, ctx.user.id) >= ACCESS.guest;
}

/** The `:id` group (numeric id or URL-encoded full path), or a 404 as GitLab's `find_group!` answers. */
export async function routeGroup(ctx: RequestContext): Promise<SourceGroup | undefined> {
  const group = ctx.store.find(ctx.params.id ?? "");
  if (group && canSee(ctx, group)) return group;
  await apiError(ctx, 404, "404 Group Not Found");
  return undefined;
}

async function sendPage<T>(ctx: RequestContext, items: T[], page: PageParams): Promise<void> {
  const { start, end } = pageRange(page);
  return sendJson(ctx, 200, items.slice(start, end), paginationHeaders(ctx, page, items.length));
}

/** GroupsFinder's filters, shared by /groups, /subgroups and /descendant_groups. */
async function listGroups(ctx: RequestContext, candidates: SourceGroup[], membersOnlyByDefault: boolean): Promise<void> {
  const page = pageParams(ctx.query);
  if ("error" in page) return grapeError(ctx, 400, page.error);
  const q = ctx.query;
  const minAccessRaw = q.get("min_access_level");
  const minAccess = minAccessRaw === null ? null : Number(minAccessRaw);
  if (minAccess !== null && !MIN_ACCESS_LEVELS.has(minAccess)) return grapeError(ctx, 400, "min_access_level does not have a valid value");
  // For a regular user `all_available` defaults to false on /groups: only groups they are a member of.
  const allAvailable = q.has("all_available") ? truthy(q.get("all_available")) : !membersOnlyByDefault || ctx.user.isAdmin;
  const search = q.get("search")?.toLowerCase();
  const skip = new Set(q.getAll("skip_groups[]").concat(q.getAll("skip_groups")).map(Number));
  const level = (group: SourceGroup) => ctx.store.accessLevel(group, ctx.user.id);

  let groups = candidates.filter((group) => (allAvailable ? canSee(ctx, group) : level(group) >= ACCESS.guest));
  if (truthy(q.get("top_level_only"))) groups = groups.filter((group) => group.parentId === null);
  if (truthy(q.get("owned"))) groups = groups.filter((group) => level(group) >= ACCESS.owner);
  if (minAccess !== null) groups = groups.filter((group) => level(group) >= minAccess);
  if (search) groups = groups.filter((group) => group.name.toLowerCase().includes(search) || group.path.toLowerCase().includes(search));
  if (skip.size) groups = groups.filter((group) => !skip.has(group.id));

  const orderBy = q.get("order_by") ?? "name";
  const key = (group: SourceGroup): string | number =>
    orderBy === "id" ? group.id : orderBy === "path" ? ctx.store.fullPath(group).toLowerCase() : ctx.store.fullName(group).toLowerCase();
  const direction = q.get("sort") === "desc" ? -1 : 1;
  groups.sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    return (ka < kb ? -1 : ka > kb ? 1 : a.id - b.id) * direction;
  });
  return sendPage(ctx, groups.map((group) => groupJson(ctx, group)), page);
}

export const listAllGroups = (ctx: RequestContext) => listGroups(ctx, [...ctx.store.groups.values()], true);

export async function getGroup(ctx: RequestContext): Promise<void> {
  const group = await routeGroup(ctx);
  if (!group) return;
  const withProjects = ctx.query.get("with_projects") !== "false";
  return sendJson(ctx, 200, groupJson(ctx, group, { detail: true, withProjects }));
}

export async function listSubgroups(ctx: RequestContext): Promise<void> {
  const group = await routeGroup(ctx);
  if (group) return listGroups(ctx, ctx.store.children(group), false);
}

export async function listDescendantGroups(ctx: RequestContext): Promise<void> {
  const group = await routeGroup(ctx);
  if (group) return listGroups(ctx, ctx.store.descendants(group), false);
}

export async function listProjects(ctx: RequestContext): Promise<void> {
  const group = await routeGroup(ctx);
  if (!group) return;
  const page = pageParams(ctx.query);
  if ("error" in page) return grapeError(ctx, 400, page.error);
  // The fixtures hold group trees only; a group here has no projects.
  return sendPage(ctx, [], page);
}

/** A REST list read from a relation's records, one page at a time (the relation may be large). */
async function listRelation(ctx: RequestContext, relation: string, present: (record: Record<string, unknown>) => unknown): Promise<void> {
  const group = await routeGroup(ctx);
  if (!group) return;
  const page = pageParams(ctx.query);
  if ("error" in page) return grapeError(ctx, 400, page.error);
  const source = ctx.store.relationSource(group, relation);
  const { start, end } = pageRange(page);
  const records = await readRecords(source, start, end);
  const total = await countRecords(source);
  return sendJson(ctx, 200, records.map(present), paginationHeaders(ctx, page, total));
}

export const listBadges = (ctx: RequestContext) => listRelation(ctx, "badges", badgeJson);
/** EE's GET /groups/:id/iterations, from the group's `iterations` records (already in the REST entity's shape). */
export const listIterations = (ctx: RequestContext) => listRelation(ctx, "iterations", (record) => record);

const AVATAR_TYPES: Record<string, string> = { png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif", webp: "image/webp", ico: "image/x-icon", svg: "image/svg+xml" };

/** GET /groups/:id/avatar (lib/api/group_avatar.rb): the uploaded file, or 404 when the group has none. */
export async function getGroupAvatar(ctx: RequestContext): Promise<void> {
  const group = await routeGroup(ctx);
  if (!group) return;
  if (!group.avatar) return apiError(ctx, 404, "404 Avatar Not Found");
  const { filename, bytes } = group.avatar;
  const type = AVATAR_TYPES[filename.split(".").pop()?.toLowerCase() ?? ""] ?? "application/octet-stream";
  return sendBody(ctx, 200, { "content-type": type, "content-disposition": `attachment; filename="${filename}"` }, bufferBody(bytes));
}
export const listMembers = (ctx: RequestContext) => listRelation(ctx, "members", (record) => memberJson(ctx, record));
