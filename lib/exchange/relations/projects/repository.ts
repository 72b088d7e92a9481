import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createBundle, repositoryExists, repositoryPath } from "@/lib/repositories";
import { exportsRoot } from "../../files";
import type { FileRelation } from "../support/types";

/**
 * GitLab's RepositoryBundleExportService: the project's repository as `repository.bundle` (`git bundle create
 * --all`: branches, tags, merge request refs, HEAD) in `repository.tar.gz`; an empty or missing repository gives an
 * archive without it, as on GitLab. The bundle is written beside the exports (a tar entry's size comes before its
 * bytes) and unlinked once open, so nothing is left behind whatever happens to the export.
 */
export const repositoryRelation: FileRelation = {
  kind: "file",
  name: "repository",
  async *entries(projectId) {
    if (!(await repositoryExists(projectId, "project"))) return;
    const directory = path.join(exportsRoot(), "bundles");
    await fs.promises.mkdir(directory, { recursive: true, mode: 0o700 });
    const file = path.join(directory, `${projectId}-${randomBytes(6).toString("hex")}.bundle`);
    let handle: fs.promises.FileHandle | undefined;
    try {
      if (!(await createBundle(repositoryPath(projectId, "project"), file))) return;
      handle = await fs.promises.open(file, "r");
    } finally {
      await fs.promises.rm(file, { force: true });
    }
    const { size, mtime } = await handle.stat();
    yield { name: "repository.bundle", size, mtime, body: handle.createReadStream() };
  },
};
