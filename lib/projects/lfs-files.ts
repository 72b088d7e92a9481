import { lfsBlobOf, type LfsBlob } from "@/lib/lfs";
import type { Project } from "./queries";
import { projectSettings } from "./settings";

/**
 * The Git LFS object a file of the project's repository stands for: when the file is a pointer and the project takes
 * LFS (GitLab's stored_externally: with LFS off, a pointer is only text). `stored` says whether Ferry has the object.
 */
export async function lfsFileOf(project: Pick<Project, "id" | "sourceAttributes">, file: { content: string | null; symlink: boolean }): Promise<LfsBlob | null> {
  if (file.content === null || file.symlink) return null;
  if (projectSettings(project.sourceAttributes).lfs_enabled === false) return null;
  return lfsBlobOf(project.id, file.content);
}
