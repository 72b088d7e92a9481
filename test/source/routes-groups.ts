import type { RequestContext } from "./context";
import { VISIBILITY_LEVELS, type SourceGroup, type SourceProject } from "./fixture-store";
import { pageParams, pageRange, paginationHeaders, type PageParams } from "./pagination";
import { booleanParam } from "./params";
import { badgeJson, groupJson, memberJson } from "./presenters";
import { countRecords, readRecords } from "./relation-source";
import { apiError, bufferBody, grapeError, sendBody, sendJson } from "./respond";
import { canSeeProject, presentProjects } from "./routes-projects";
import { ACCESS, type Visibility } from "./types";

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
  // GroupDetail's `projects`: the group's own projects the user can see (GitLab shows at most 100).
  const projects = withProjects
    ? await presentProjects(ctx, ctx.store.projectsOf(group).filter((project) => canSeeProject(ctx, project)).slice(0, 100))
    : undefined;
  return sendJson(ctx, 200, groupJson(ctx, group, { detail: true, withProjects, projects }));
}

export async function listSubgroups(ctx: RequestContext): Promise<void> {
  const group = await routeGroup(ctx);
  if (group) return listGroups(ctx, ctx.store.children(group), false);
}

export async function listDescendantGroups(ctx: RequestContext): Promise<void> {
  const group = await routeGroup(ctx);
  if (group) return listGroups(ctx, ctx.store.descendants(group), false);
}

const PROJECT_ORDERS = new Set(["id", "name", "path", "created_at", "updated_at", "last_activity_at", "similarity", "star_count"]);
const PROJECT_BOOLEANS = ["archived", "include_subgroups", "with_shared", "simple", "owned", "starred", "with_issues_enabled", "with_merge_requests_enabled", "include_ancestor_groups", "with_custom_attributes"];

/**
 * GET /groups/:id/projects (lib/api/groups.rb, GroupProjectsFinder; reference §5.2): the group's projects the user can
 * see, with its subgroups' under `include_subgroups`, filtered by `archived` (all when absent), `visibility`, `search`,
 * `owned`, `min_access_level`, ordered by `order_by` (`created_at`) and `sort` (`desc`). The source shares no projects,
 * so `with_shared` changes nothing.
 */
export async function listProjects(ctx: RequestContext): Promise<void> {
  const group = await routeGroup(ctx);
  if (!group) return;
  const page = pageParams(ctx.query);
  if ("error" in page) return grapeError(ctx, 400, page.error);
  const q = ctx.query;
  const flags: Record<string, boolean | undefined> = {};
  for (const name of PROJECT_BOOLEANS) {
    const value = booleanParam(q.get(name));
    if (value === null) return grapeError(ctx, 400, `${name} is invalid`);
    flags[name] = value;
  }
  const orderBy = q.get("order_by") ?? "created_at";
  if (!PROJECT_ORDERS.has(orderBy)) return grapeError(ctx, 400, "order_by does not have a valid value");
  const sort = q.get("sort") ?? "desc";
  if (sort !== "asc" && sort !== "desc") return grapeError(ctx, 400, "sort does not have a valid value");
  const visibility = q.get("visibility");
  if (visibility !== null && !(visibility in VISIBILITY_LEVELS)) return grapeError(ctx, 400, "visibility does not have a valid value");
  const minAccessRaw = q.get("min_access_level");
  const minAccess = minAccessRaw === null ? null : Number(minAccessRaw);
  if (minAccess !== null && !MIN_ACCESS_LEVELS.has(minAccess)) return grapeError(ctx, 400, "min_access_level does not have a valid value");
  const search = q.get("search")?.toLowerCase();
  const level = (project: SourceProject) => ctx.store.projectAccessLevel(project, ctx.user.id);

  let projects = ctx.store.projectsOf(group, flags.include_subgroups === true).filter((project) => canSeeProject(ctx, project));
  if (flags.archived !== undefined) projects = projects.filter((project) => project.archived === flags.archived);
  if (visibility !== null) projects = projects.filter((project) => project.visibilityLevel === VISIBILITY_LEVELS[visibility as Visibility]);
  if (search) projects = projects.filter((project) => project.name.toLowerCase().includes(search) || project.path.toLowerCase().includes(search));
  if (flags.owned) projects = projects.filter((project) => level(project) >= ACCESS.owner);
  if (minAccess !== null) projects = projects.filter((project) => level(project) >= minAccess);
  if (flags.starred) projects = [];

  const key = (project: SourceProject): string | number => {
    if (orderBy === "name") return project.name.toLowerCase();
    if (orderBy === "path") return project.path.toLowerCase();
    if (orderBy === "created_at" || orderBy === "updated_at" || orderBy === "last_activity_at") return project.createdAt;
    // id; star_count and similarity are equal for every project here, so the id decides.
    return orderBy === "id" ? project.id : 0;
  };
  const direction = sort === "desc" ? -1 : 1;
  projects.sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    return (ka < kb ? -1 : ka > kb ? 1 : a.id - b.id) * direction;
  });
  const { start, end } = pageRange(page);
  const items = await presentProjects(ctx, projects.slice(start, end), { simple: flags.simple === true });
  return sendJson(ctx, 200, items, paginationHeaders(ctx, page, projects.length));
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
