import { eq } from "drizzle-orm";
import { ACCESS_LEVELS, getDb, projects } from "@/lib/db";
import type { PushPolicy, RepositoryKind } from "@/lib/repositories";
import type { Viewer } from "@/lib/viewer";
import type { ProjectWithAccess } from "./queries";

/** Who may push to a protected branch (null: nobody), and whether it takes force pushes. */
interface BranchRule {
  pushLevel: number | null;
  allowForcePush: boolean;
}

// GitLab's Gitlab::Access protection levels of a group's `default_branch_protection`: none, developers can push, full,
// developers can merge, full after the initial push. Ferry cannot tell an initial push apart, so 4 is full.
const LEGACY_PROTECTION: Record<number, BranchRule | null> = {
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
 * How a project's default branch is protected, from its group's settings as an import or the API left them: GitLab's
 * `default_branch_protection_defaults` (`allowed_to_push: [{access_level}]`, `allow_force_push`; access level 0 is
 * "No one"), else the older `default_branch_protection` integer, else the instance default. Ferry has no protected
 * branches of its own yet: GitLab makes this rule the project's first protected branch.
 */
function defaultBranchRule(groupSettings: Record<string, unknown>): BranchRule | null {
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

/**
 * What a push by this user may do to the project's repository, for lib/repositories' pre-receive hook: nothing when
 * the project is archived; the default branch protected as its group says (only there: a wiki has no protected
 * branches). The caller has checked that the user may push at all (canPushCode). Administrators count as Owners.
 */
export function pushPolicyFor(project: ProjectWithAccess, user: Viewer & { username?: string }, kind: RepositoryKind = "project"): PushPolicy {
  const rule = kind === "project" && project.defaultBranch ? defaultBranchRule(project.namespace.settings) : null;
  const level = user.isAdmin ? ACCESS_LEVELS.owner : (project.accessLevel ?? 0);
  return {
    archived: project.archived,
    protectedBranches: rule ? [project.defaultBranch!] : [],
    mayPushProtected: rule !== null && rule.pushLevel !== null && level >= rule.pushLevel,
    allowForcePushProtected: rule?.allowForcePush ?? false,
    userLabel: user.username,
  };
}

/** A push went through: the project was active now (GitLab's last_activity_at, which lists sort by). */
export async function recordPush(projectId: number): Promise<void> {
  await getDb().update(projects).set({ lastActivityAt: new Date() }).where(eq(projects.id, projectId));
}
