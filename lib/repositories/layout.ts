import { createHash } from "node:crypto";
import path from "node:path";
import { getConfig } from "@/lib/config";

/** A project's code, its wiki, and its design management repository (GitLab's `DesignManagement::Repository`). */
export type RepositoryKind = "project" | "wiki" | "design";

const SUFFIX: Record<RepositoryKind, string> = { project: ".git", wiki: ".wiki.git", design: ".design.git" };

/** Where repositories live: `FERRY_DATA_DIR/repositories`. */
export function repositoriesRoot(): string {
  return path.join(getConfig().dataDir, "repositories");
}

/**
 * A project's (or its wiki's, or its designs') bare repository in GitLab's hashed layout,
 * `@hashed/ab/cd/<sha256(id)>.git` (wiki `.wiki.git`, designs `.design.git`): the path depends on the id alone, so
 * renaming or moving a project never moves its repository, and nothing a user typed (a URL, a path) ever becomes part
 * of it.
 */
export function repositoryPath(projectId: number, kind: RepositoryKind): string {
  if (!Number.isSafeInteger(projectId) || projectId < 1) throw new Error(`Not a project id: ${projectId}`);
  const hash = createHash("sha256").update(String(projectId)).digest("hex");
  const name = `${hash}${SUFFIX[kind]}`;
  return path.join(repositoriesRoot(), "@hashed", hash.slice(0, 2), hash.slice(2, 4), name);
}
