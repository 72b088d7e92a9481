import { eq } from "drizzle-orm";
import { ACCESS_LEVELS, getDb, projects } from "@/lib/db";
import type { PushPolicy, RepositoryKind } from "@/lib/repositories";
import { protectedBranchesOf, protectedTagsOf, refAccessAllows, refActor, type ProtectedBranch, type ProtectedTag } from "./protected-refs";
import type { Viewer } from "@/lib/viewer";
import type { ProjectWithAccess } from "./queries";

/** A project's protected refs, as protected-refs.ts reads them: what a push policy is made from. */
export interface ProjectProtectedRefs {
  branches: readonly Pick<ProtectedBranch, "name" | "allowForcePush" | "pushAccessLevels">[];
  tags: readonly Pick<ProtectedTag, "name" | "createAccessLevels">[];
}

/** The project's protected refs for a push to its repository of this kind: a wiki has none. */
export async function protectedRefsFor(project: ProjectWithAccess, kind: RepositoryKind = "project"): Promise<ProjectProtectedRefs> {
  if (kind !== "project") return { branches: [], tags: [] };
  const [branches, tags] = await Promise.all([protectedBranchesOf(project), protectedTagsOf(project.id)]);
  return { branches, tags };
}

/**
 * What a push by this user may do to the project's repository, for lib/repositories' pre-receive hook: nothing when
 * the project is archived; each protected branch and tag as its access levels let this user through. The caller has
 * checked that the user may push at all (canPushCode).
 */
export function pushPolicyFor(project: ProjectWithAccess, user: Viewer & { username?: string }, refs: ProjectProtectedRefs): PushPolicy {
  const actor = refActor(project, user);
  return {
    archived: project.archived,
    protectedBranches: refs.branches.map((rule) => ({ pattern: rule.name, mayPush: refAccessAllows(rule.pushAccessLevels, actor), allowForcePush: rule.allowForcePush })),
    protectedTags: refs.tags.map((rule) => ({ pattern: rule.name, mayCreate: refAccessAllows(rule.createAccessLevels, actor) })),
    isMaintainer: user.isAdmin || (project.accessLevel ?? 0) >= ACCESS_LEVELS.maintainer,
    userLabel: user.username,
  };
}

/** A push went through: the project was active now (GitLab's last_activity_at, which lists sort by). */
export async function recordPush(projectId: number): Promise<void> {
  await getDb().update(projects).set({ lastActivityAt: new Date() }).where(eq(projects.id, projectId));
}
