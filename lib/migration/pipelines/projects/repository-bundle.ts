import { repositoryPath } from "@/lib/repositories";
import { ownerOf } from "../support/owner";
import type { FilePipeline } from "../support/types";
import { bundleArchiveLimits, restoreRepositoryArchive } from "./repository-bundle-archive";
import { adoptRepositoryHead } from "./repository-head";

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
    const { head } = await restoreRepositoryArchive(body, repositoryPath(projectId!, "project"), bundleArchiveLimits());
    await adoptRepositoryHead(projectId!, head);
    return { fetched: 1, imported: 1 };
  },
};
