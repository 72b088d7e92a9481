import { eq } from "drizzle-orm";
import { getDb, projects } from "@/lib/db";
import { projectSettings } from "@/lib/projects";
import { createRepository, repositoryPath, RepositoryExistsError } from "@/lib/repositories";
import { ownerOf } from "../support/owner";
import type { FilePipeline } from "../support/types";
import { bundleArchiveLimits, restoreRepositoryArchive } from "./repository-bundle-archive";

/** Whether the destination project takes LFS, which GitLab's designs live in (its setting, or GitLab's default: yes). */
async function lfsEnabled(projectId: number): Promise<boolean> {
  const [row] = await getDb().select({ sourceAttributes: projects.sourceAttributes }).from(projects).where(eq(projects.id, projectId));
  return projectSettings(row?.sourceAttributes ?? {}).lfs_enabled !== false;
}

/**
 * Stage 5 of a project entity, sources from 15.1 (GitLab's DesignBundlePipeline): the project's design repository
 * from `design.tar.gz` (`./design.bundle`), restored as the code's is. A project without designs sends no bundle and
 * gets no design repository, as on GitLab, where it is made on the first design. Unlike the code's, a failure here is
 * the relation's alone. A replay finds the repository made and fetches the same refs again, which changes nothing.
 * As GitLab's, it loads nothing into a project whose `lfs_enabled` is off: the relation ends done with nothing
 * imported, and the download is dropped unread.
 */
export const designBundlePipeline: FilePipeline = {
  kind: "file",
  relation: "design",
  notExported: "The source instance does not export design repositories.",
  async load({ entity, body }) {
    const { projectId } = ownerOf(entity);
    if (!(await lfsEnabled(projectId!))) {
      body.destroy();
      return { fetched: 0, imported: 0 };
    }
    await restoreRepositoryArchive(body, repositoryPath(projectId!, "design"), {
      bundle: "design.bundle",
      beforeRestore: () =>
        createRepository(projectId!, { kind: "design" }).then(
          () => undefined,
          (error: unknown) => {
            if (!(error instanceof RepositoryExistsError)) throw error;
          },
        ),
      ...bundleArchiveLimits(),
    });
    // GitLab counts a repository as one object, bundle or none.
    return { fetched: 1, imported: 1 };
  },
};
