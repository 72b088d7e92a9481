import { eq } from "drizzle-orm";
import { getDb, projects, type Tx } from "@/lib/db";
import { removeRepository } from "@/lib/repositories";
import type { Viewer } from "@/lib/viewer";
import { canOwnProject } from "./abilities";
import { ProjectError } from "./errors";
import type { ProjectWithAccess } from "./queries";

/**
 * Deletes a project (an Owner's right, GitLab's remove_project) with everything that hangs on it and its
 * repositories on disk. The row goes in a transaction that commits only once the repositories are gone, so a removal
 * that fails leaves the project in place to be deleted again rather than a project without its repository.
 */
export async function deleteProject(viewer: Viewer, project: ProjectWithAccess): Promise<void> {
  if (!canOwnProject(viewer, project)) throw new ProjectError("base", "403 Forbidden", 403);
  await getDb().transaction(async (tx: Tx) => {
    await tx.delete(projects).where(eq(projects.id, project.id));
    await removeRepository(project.id, "project");
    await removeRepository(project.id, "wiki");
    await removeRepository(project.id, "design");
  });
}
