import { and, asc, eq, exists, inArray, sql } from "drizzle-orm";
import { ACCESS_LEVELS, bulkImportEntities, getDb, protectedBranches, protectedTags, users, type RefAccessLevel } from "@/lib/db";
import type { Viewer } from "@/lib/viewer";
import type { ProjectWithAccess } from "./queries";

export type ProtectedBranch = typeof protectedBranches.$inferSelect;
export type ProtectedTag = typeof protectedTags.$inferSelect;

/** GitLab's Gitlab::Access levels a protected ref names: No one, Developers + Maintainers, Maintainers, Administrators. */
export const REF_ACCESS_LEVELS = { noOne: 0, developer: ACCESS_LEVELS.developer, maintainer: ACCESS_LEVELS.maintainer, admin: 60 } as const;

/** How GitLab's pages and its API (`access_level_description`) name a level. */
export function accessLevelDescription(level: RefAccessLevel, userName?: string | null): string {
  if (level.userId !== null) return userName ?? `User ${level.userId}`;
  if (level.sourceGroupId !== null) return `Group ${level.sourceGroupId}`;
  switch (level.accessLevel) {
    case REF_ACCESS_LEVELS.noOne:
      return "No one";
    case REF_ACCESS_LEVELS.developer:
      return "Developers + Maintainers";
    case REF_ACCESS_LEVELS.maintainer:
      return "Maintainers";
    case REF_ACCESS_LEVELS.admin:
      return "Administrators";
    default:
      return `Access level ${level.accessLevel}`;
  }
}

/** Who asks, for an access check: their role in the project (null: none) and whether they administer the instance. */
export interface RefActor {
  userId: number;
  accessLevel: number | null;
  isAdmin: boolean;
}

export const refActor = (project: Pick<ProjectWithAccess, "accessLevel">, viewer: Viewer): RefActor => ({ userId: viewer.id, accessLevel: project.accessLevel, isAdmin: viewer.isAdmin });

/**
 * Whether one of these access levels lets the actor through (GitLab's ProtectedRefAccess#check_access): "No one" lets
 * nobody, administrators included; Administrators only them; a role its holders and above (administrators count as
 * Owners); a user that user. A group Ferry cannot resolve (a source group's id) lets nobody.
 */
export function refAccessAllows(levels: readonly RefAccessLevel[], actor: RefActor): boolean {
  return levels.some((level) => {
    if (level.userId !== null) return level.userId === actor.userId;
    if (level.sourceGroupId !== null || level.accessLevel === null || level.accessLevel === REF_ACCESS_LEVELS.noOne) return false;
    if (level.accessLevel === REF_ACCESS_LEVELS.admin) return actor.isAdmin;
    return actor.isAdmin || (actor.accessLevel ?? 0) >= level.accessLevel;
  });
}

/** GitLab's ref patterns: exact, or `*` matching any run of characters, `/` included (hooks/pre-receive matches alike). */
export function refPatternMatches(pattern: string, name: string): boolean {
  if (!pattern.includes("*")) return pattern === name;
  const escaped = pattern.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join(".*")}$`).test(name);
}

/** A rule GitLab's group default branch protection gives a new project's default branch; null: unprotected. */
export interface DefaultBranchRule {
  /** The lowest role that may push (null: No one). */
  pushLevel: number | null;
  allowForcePush: boolean;
}

// GitLab's Gitlab::Access protection levels of a group's `default_branch_protection`: none, developers can push, full,
// developers can merge, full after the initial push. Ferry cannot tell an initial push apart, so 4 is full.
const LEGACY_PROTECTION: Record<number, DefaultBranchRule | null> = {
  0: null,
  1: { pushLevel: ACCESS_LEVELS.developer, allowForcePush: false },
  2: { pushLevel: ACCESS_LEVELS.maintainer, allowForcePush: false },
  3: { pushLevel: ACCESS_LEVELS.maintainer, allowForcePush: false },
  4: { pushLevel: ACCESS_LEVELS.maintainer, allowForcePush: false },
};

// GitLab's instance default (PROTECTION_FULL): Maintainers push, nobody force pushes.
const FULL_PROTECTION = LEGACY_PROTECTION[2]!;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * How a group protects its projects' default branches, from its settings as an import or the API left them: GitLab's
 * `default_branch_protection_defaults` (`allowed_to_push: [{access_level}]`, `allow_force_push`; access level 0 is
 * "No one"), else the older `default_branch_protection` integer, else the instance default.
 */
export function defaultBranchRule(groupSettings: Record<string, unknown>): DefaultBranchRule | null {
  const defaults = groupSettings.default_branch_protection_defaults;
  if (isRecord(defaults) && Object.keys(defaults).length > 0) {
    const levels = (Array.isArray(defaults.allowed_to_push) ? defaults.allowed_to_push : [])
      .map((entry) => (isRecord(entry) ? entry.access_level : undefined))
      .filter((level): level is number => typeof level === "number" && level > 0);
    return { pushLevel: levels.length ? Math.min(...levels) : null, allowForcePush: defaults.allow_force_push === true };
  }
  const legacy = groupSettings.default_branch_protection;
  if (typeof legacy === "number" && legacy in LEGACY_PROTECTION) return LEGACY_PROTECTION[legacy]!;
  return FULL_PROTECTION;
}

const roleLevel = (accessLevel: number): RefAccessLevel => ({ accessLevel, userId: null, sourceGroupId: null, sourceAttributes: {} });

/**
 * GitLab protects a new project's default branch as its group says (ProtectDefaultBranchService, run when the branch
 * first appears): a protected branch row like any other, shown and exported with them. Ferry writes that row the
 * first time anything asks for the project's rules, when the project has none and was made in Ferry. An imported
 * project has exactly its source's rules (none included): GitLab's importers bring the rows and run no branch hooks.
 * The unique (project, name) index keeps two first askers from writing it twice.
 */
async function protectDefaultBranch(project: Pick<ProjectWithAccess, "id" | "defaultBranch" | "namespace">): Promise<void> {
  const rule = project.defaultBranch ? defaultBranchRule(project.namespace.settings) : null;
  if (!rule) return;
  const levels = [roleLevel(rule.pushLevel ?? REF_ACCESS_LEVELS.noOne)];
  const imported = getDb().select({ one: sql`1` }).from(bulkImportEntities).where(eq(bulkImportEntities.projectId, project.id));
  const anyRule = getDb().select({ one: sql`1` }).from(protectedBranches).where(eq(protectedBranches.projectId, project.id));
  await getDb().execute(sql`
    INSERT INTO ${protectedBranches} (project_id, name, allow_force_push, merge_access_levels, push_access_levels)
    SELECT ${project.id}, ${project.defaultBranch}, ${rule.allowForcePush}, ${JSON.stringify(levels)}::jsonb, ${JSON.stringify(levels)}::jsonb
    WHERE NOT ${exists(imported)} AND NOT ${exists(anyRule)}
    ON CONFLICT DO NOTHING`);
}

/** The project's protected branch rules by name, its default branch's written first when it has none (see above). */
export async function protectedBranchesOf(project: Pick<ProjectWithAccess, "id" | "defaultBranch" | "namespace">): Promise<ProtectedBranch[]> {
  const read = () => getDb().select().from(protectedBranches).where(eq(protectedBranches.projectId, project.id)).orderBy(asc(protectedBranches.name));
  const rows = await read();
  if (rows.length > 0) return rows;
  await protectDefaultBranch(project);
  return read();
}

export async function protectedBranchNamed(project: Pick<ProjectWithAccess, "id" | "defaultBranch" | "namespace">, name: string): Promise<ProtectedBranch | undefined> {
  return (await protectedBranchesOf(project)).find((rule) => rule.name === name);
}

export async function protectedTagsOf(projectId: number): Promise<ProtectedTag[]> {
  return getDb().select().from(protectedTags).where(eq(protectedTags.projectId, projectId)).orderBy(asc(protectedTags.name));
}

export async function protectedTagNamed(projectId: number, name: string): Promise<ProtectedTag | undefined> {
  const [row] = await getDb()
    .select()
    .from(protectedTags)
    .where(and(eq(protectedTags.projectId, projectId), eq(protectedTags.name, name)));
  return row;
}

/** The names of the users these rules' levels name (EE levels given to a user), by id, for pages and the API. */
export async function refUserNames(levels: readonly RefAccessLevel[]): Promise<Map<number, string>> {
  const ids = [...new Set(levels.flatMap((level) => (level.userId === null ? [] : [level.userId])))];
  if (ids.length === 0) return new Map();
  const rows = await getDb().select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((row) => [row.id, row.name]));
}
