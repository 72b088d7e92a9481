import { eq } from "drizzle-orm";
import { getDb, projects, snippets, type Tx } from "@/lib/db";
import { logger } from "@/lib/log";
import { removeRepository, type StoredRepositoryKind } from "@/lib/repositories";
import type { Viewer } from "@/lib/viewer";
import { canOwnProject } from "./abilities";
import { ProjectError } from "./errors";
import type { ProjectWithAccess } from "./queries";

export interface StoredRepository {
  id: number;
  kind: StoredRepositoryKind;
}

/** Every repository on disk that goes with a project: its own, its wiki's, its designs' and its snippets'. */
export async function repositoriesOf(tx: Tx, projectId: number): Promise<StoredRepository[]> {
  const owned = await tx.select({ id: snippets.id }).from(snippets).where(eq(snippets.projectId, projectId));
  return [...(["project", "wiki", "design"] as const).map((kind) => ({ id: projectId, kind })), ...owned.map(({ id }) => ({ id, kind: "snippet" as const }))];
}

/**
 * Removes repositories whose rows are gone, once that deletion has committed: removed before, a commit that then
 * failed would leave a project without its repository. A removal that fails leaves a directory no row points at
 * (ids are never reused, so nothing ever reads it again): logged, not thrown, as the deletion itself is done.
 */
export async function removeRepositories(list: readonly StoredRepository[]): Promise<void> {
  for (const { id, kind } of list) {
    await removeRepository(id, kind).catch((error: unknown) => logger.warn({ err: error, id, kind }, "a deleted project's repository could not be removed"));
  }
}

/**
 * Deletes a project (an Owner's right, GitLab's remove_project) with everything that hangs on it, then its
 * repositories on disk.
 */
export async function deleteProject(viewer: Viewer, project: ProjectWithAccess): Promise<void> {
  if (!canOwnProject(viewer, project)) throw new ProjectError("base", "403 Forbidden", 403);
  const repositories = await getDb().transaction(async (tx: Tx) => {
    const list = await repositoriesOf(tx, project.id);
    await tx.delete(projects).where(eq(projects.id, project.id));
    return list;
  });
  await removeRepositories(repositories);
}
