import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { TarInput } from "@/lib/archive";
import { createBundle, repositoryExists, repositoryPath, type RepositoryKind, type StoredRepositoryKind } from "@/lib/repositories";
import { exportsRoot } from "../../files";
import type { FileRelation } from "../support/types";

/**
 * A stored repository as one archive entry: `git bundle create --all` (branches, tags, merge request refs, HEAD), or
 * null for an empty or missing repository, as GitLab's RepoSaver and RepositoryBundleExportService leave it out. The
 * bundle is written beside the exports (a tar entry's size comes before its bytes) and unlinked once open, so nothing
 * is left behind whatever happens to the export.
 */
export async function bundleEntry(id: number, kind: StoredRepositoryKind, name: string): Promise<TarInput | null> {
  if (!(await repositoryExists(id, kind))) return null;
  const directory = path.join(exportsRoot(), "bundles");
  await fs.promises.mkdir(directory, { recursive: true, mode: 0o700 });
  const file = path.join(directory, `${kind}-${id}-${randomBytes(6).toString("hex")}.bundle`);
  let handle: fs.promises.FileHandle | undefined;
  try {
    if (!(await createBundle(repositoryPath(id, kind), file))) return null;
    handle = await fs.promises.open(file, "r");
  } finally {
    await fs.promises.rm(file, { force: true });
  }
  const { size, mtime } = await handle.stat();
  return { name, size, mtime, body: handle.createReadStream() };
}

/** GitLab's RepositoryBundleExportService for one of a project's repositories: `./<bundle>` in `<relation>.tar.gz`. */
function bundleRelation(name: string, kind: RepositoryKind, bundle: string): FileRelation {
  return {
    kind: "file",
    name,
    async *entries(projectId) {
      const entry = await bundleEntry(projectId, kind, bundle);
      if (entry) yield entry;
    },
  };
}

/** The project's code as `repository.tar.gz` holding `repository.bundle`. */
export const repositoryRelation = bundleRelation("repository", "project", "repository.bundle");

/** The project's design repository as `design.tar.gz` holding `design.bundle` (GitLab's design relation). */
export const designRelation = bundleRelation("design", "design", "design.bundle");
