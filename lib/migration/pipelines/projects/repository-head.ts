import { eq } from "drizzle-orm";
import { getDb, projects } from "@/lib/db";

/**
 * After a repository arrived: the project's default branch is the branch HEAD names, the source's default branch when
 * it came along (the project was created on it), else the one the restore chose. Nothing for an empty repository.
 */
export async function adoptRepositoryHead(projectId: number, head: string | null): Promise<void> {
  if (head) await getDb().update(projects).set({ defaultBranch: head }).where(eq(projects.id, projectId));
}
