import path from "node:path";
import { getConfig } from "@/lib/config";
import { repositoryPath } from "@/lib/repositories";
import { ownerOf } from "../support/owner";
import type { FilePipeline } from "../support/types";
import { restoreRepositoryArchive } from "./repository-bundle-archive";
import { adoptRepositoryHead } from "./repository-head";

const MB = 1024 * 1024;

/**
 * Stage 1 of a project entity, sources from 15.1 (GitLab's RepositoryBundlePipeline): the project's repository from
 * `repository.tar.gz`, every ref restored at once into the repository the project pipeline created, HEAD on the
 * source's default branch. A failure fails the project, as on GitLab: a project without its code is no migration. A
 * replay fetches the same refs again, which changes nothing.
 */
export const repositoryBundlePipeline: FilePipeline = {
  kind: "file",
  relation: "repository_bundle",
  abortOnFailure: true,
  notExported: "The source instance does not export repositories.",
  async load({ entity, body }) {
    const { projectId } = ownerOf(entity);
    const config = getConfig();
    const { head } = await restoreRepositoryArchive(body, repositoryPath(projectId!, "project"), {
      maxBytes: config.FERRY_IMPORT_MAX_DOWNLOAD_MB * MB,
      // Beside the repositories, on their file system: a bundle is as large as the repository, /tmp may be small.
      workDirectory: path.join(config.dataDir, "imports", "bundles"),
    });
    await adoptRepositoryHead(projectId!, head);
    return { fetched: 1, imported: 1 };
  },
};
