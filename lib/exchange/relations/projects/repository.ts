import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createBundle, repositoryExists, repositoryPath, type RepositoryKind } from "@/lib/repositories";
import { exportsRoot } from "../../files";
import type { FileRelation } from "../support/types";

/**
 * GitLab's RepositoryBundleExportService for one of a project's repositories: `git bundle create --all` (branches,
 * tags, merge request refs, HEAD) as `./<bundle>` in `<relation>.tar.gz`; an empty or missing repository gives an
 * archive without it, as on GitLab. The bundle is written beside the exports (a tar entry's size comes before its
 * bytes) and unlinked once open, so nothing is left behind whatever happens to the export.
 */
function bundleRelation(name: string, kind: RepositoryKind, bundle: string): FileRelation {
  return {
    kind: "file",
    name,
    async *entries(projectId) {
      if (!(await repositoryExists(projectId, kind))) return;
      const directory = path.join(exportsRoot(), "bundles");
      await fs.promises.mkdir(directory, { recursive: true, mode: 0o700 });
      const file = path.join(directory, `${projectId}-${randomBytes(6).toString("hex")}.bundle`);
      let handle: fs.promises.FileHandle | undefined;
      try {
        if (!(await createBundle(repositoryPath(projectId, kind), file))) return;
        handle = await fs.promises.open(file, "r");
      } finally {
        await fs.promises.rm(file, { force: true });
      }
      const { size, mtime } = await handle.stat();
      yield { name: bundle, size, mtime, body: handle.createReadStream() };
    },
  };
}

/** The project's code as `repository.tar.gz` holding `repository.bundle`. */
export const repositoryRelation = bundleRelation("repository", "project", "repository.bundle");

/** The project's design repository as `design.tar.gz` holding `design.bundle` (GitLab's design relation). */
export const designRelation = bundleRelation("design", "design", "design.bundle");
