import { createHash } from "node:crypto";
import path from "node:path";
import { getConfig } from "@/lib/config";

/** A project's own repositories: its code, its wiki, and its design management repository (GitLab's `DesignManagement::Repository`). */
export type RepositoryKind = "project" | "wiki" | "design";
/** Every repository Ferry stores: a project's (by project id) or a snippet's (by snippet id). */
export type StoredRepositoryKind = RepositoryKind | "snippet";

const SUFFIX: Record<StoredRepositoryKind, string> = { project: ".git", wiki: ".wiki.git", design: ".design.git", snippet: ".git" };

/** Where repositories live: `FERRY_DATA_DIR/repositories`. */
export function repositoriesRoot(): string {
  return path.join(getConfig().dataDir, "repositories");
}

/**
 * A bare repository in GitLab's hashed layout: a project's `@hashed/ab/cd/<sha256(id)>.git` (wiki `.wiki.git`,
 * designs `.design.git`), a snippet's `@snippets/ab/cd/<sha256(snippet id)>.git`. The path depends on the id alone, so
 * renaming or moving a project never moves its repository, and nothing a user typed (a URL, a path) ever becomes part
 * of it.
 */
export function repositoryPath(id: number, kind: StoredRepositoryKind): string {
  if (!Number.isSafeInteger(id) || id < 1) throw new Error(`Not a ${kind === "snippet" ? "snippet" : "project"} id: ${id}`);
  const hash = createHash("sha256").update(String(id)).digest("hex");
  return path.join(repositoriesRoot(), kind === "snippet" ? "@snippets" : "@hashed", hash.slice(0, 2), hash.slice(2, 4), `${hash}${SUFFIX[kind]}`);
}
