import { and, eq, ne } from "drizzle-orm";
import { projects, type Tx, type Visibility } from "@/lib/db";
import { projectNameError, projectPathError, projectPathTaken, subgroupPathTaken, VISIBILITY_RANK } from "@/lib/groups";
import { refNameProblem } from "@/lib/repositories";
import { ProjectError } from "./errors";
import { PROJECT_SETTINGS } from "./settings";
import { MAX_TOPIC_LENGTH, normalizeTopics } from "./topics";

// The checks creation and update share, each a ProjectError worded as GitLab's validation of that attribute.

export const MAX_DESCRIPTION_LENGTH = 2000;

export function checkName(name: string): void {
  const error = projectNameError(name);
  if (error) throw new ProjectError("name", error);
}

export function checkPath(path: string): void {
  const error = projectPathError(path);
  if (error) throw new ProjectError("path", error);
}

export function checkDescription(description: string): void {
  if (description.length > MAX_DESCRIPTION_LENGTH) throw new ProjectError("description", `is too long (maximum is ${MAX_DESCRIPTION_LENGTH} characters)`);
}

/** A name git takes for a branch, given short: GitLab's GitRefValidator refuses `refs/...`, which would nest. */
export const isBranchName = (branch: string) => refNameProblem(branch) === null && !branch.startsWith("refs/");

export function checkDefaultBranch(branch: string): void {
  if (!isBranchName(branch)) throw new ProjectError("default_branch", "is invalid");
}

export function checkTopics(topics: readonly string[]): string[] {
  const normalized = normalizeTopics(topics);
  if (!normalized) throw new ProjectError("topics", `is too long (maximum is ${MAX_TOPIC_LENGTH} characters)`);
  return normalized;
}

/** A project is never more open than its group (GitLab's visibility_level_allowed_by_group). */
export function checkVisibility(visibility: Visibility, namespace: { visibility: Visibility }): void {
  if (VISIBILITY_RANK[visibility] > VISIBILITY_RANK[namespace.visibility]) {
    throw new ProjectError("visibility_level", `${visibility} is not allowed in a ${namespace.visibility} group.`);
  }
}

/**
 * Refuses a path a subgroup or another project of the group has (whatever its case) and a name another project of
 * the group has. Run under lockNamespacePaths, so that nobody claims either between this check and the write.
 */
export async function claimPathAndName(tx: Tx, namespaceId: number, wanted: { path?: string; name?: string }, exceptProjectId?: number): Promise<void> {
  if (wanted.path !== undefined) {
    const projectClash = exceptProjectId === undefined ? await projectPathTaken(tx, namespaceId, wanted.path) : await otherProjectHasPath(tx, namespaceId, wanted.path, exceptProjectId);
    if (projectClash || (await subgroupPathTaken(tx, namespaceId, wanted.path))) throw new ProjectError("path", "has already been taken");
  }
  if (wanted.name !== undefined) {
    const others = [eq(projects.namespaceId, namespaceId), eq(projects.name, wanted.name)];
    if (exceptProjectId !== undefined) others.push(ne(projects.id, exceptProjectId));
    const [clash] = await tx.select({ id: projects.id }).from(projects).where(and(...others)).limit(1);
    if (clash) throw new ProjectError("name", "has already been taken");
  }
}

async function otherProjectHasPath(tx: Tx, namespaceId: number, path: string, projectId: number): Promise<boolean> {
  const [same] = await tx.select({ path: projects.path }).from(projects).where(eq(projects.id, projectId));
  // Changing only the case of its own path is no clash.
  if (same && same.path.toLowerCase() === path.toLowerCase()) return false;
  return projectPathTaken(tx, namespaceId, path);
}

/** A unique index refused the write (a creator that did not take the lock): the same answer as the checks give. */
export function uniqueViolation(error: unknown): never {
  const cause = (error as { cause?: { code?: string; constraint?: string } }).cause ?? (error as { code?: string; constraint?: string });
  if (cause?.code === "23505") {
    if (cause.constraint === "projects_namespace_path_idx") throw new ProjectError("path", "has already been taken");
    if (cause.constraint === "projects_namespace_name_idx") throw new ProjectError("name", "has already been taken");
  }
  throw error;
}

/** Only the settings Ferry knows, so that a caller cannot fill source_attributes with anything else. */
export function keptSettings(settings: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(settings ?? {}).filter(([key]) => key in PROJECT_SETTINGS));
}
