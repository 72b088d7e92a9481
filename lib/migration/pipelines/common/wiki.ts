import { isSourceError } from "@/lib/gitlab";
import { createRepository, fetchMirror, MirrorError, repositoryExists, RepositoryExistsError, repositoryPath } from "@/lib/repositories";
import { RecordError } from "../../errors";
import { ownerOf } from "../support/owner";
import { sourceApiPath } from "../support/source-urls";
import type { RestPipeline } from "../support/types";
import { restoreArchiveWiki } from "../projects/archive-bundles";

/**
 * Stage 5 of a project entity (GitLab's WikiPipeline): when the source's `GET /projects/:id/wikis` lists pages, the
 * wiki repository is fetched as a mirror from `<full path>.wiki.git` as `oauth2:<token>`, under the URL policy. No
 * page, or a 403 (wiki disabled) or 404, means no wiki: nothing to do, as on GitLab. A replay fetches again.
 */
export const wikiPipeline: RestPipeline = {
  kind: "rest",
  relation: "wiki",
  async run({ entity, client }) {
    const { projectId } = ownerOf(entity);
    let pages: number;
    try {
      pages = (await client.getPage(sourceApiPath(entity, "/wikis"))).items.length;
    } catch (error) {
      if (isSourceError(error, "forbidden") || isSourceError(error, "not_found")) return { source: 0, fetched: 0, imported: 0, skipped: "The project has no wiki on the source." };
      throw error;
    }
    if (pages === 0) return { source: 0, fetched: 0, imported: 0 };
    const remote = await client.gitRemote(`${entity.sourceFullPath}.wiki.git`);
    if (!(await repositoryExists(projectId!, "wiki"))) {
      await createRepository(projectId!, { kind: "wiki" }).catch((error: unknown) => {
        // Made by an earlier run of this job, or meanwhile by someone editing the wiki: fetched into all the same.
        if (!(error instanceof RepositoryExistsError)) throw error;
      });
    }
    try {
      await fetchMirror(repositoryPath(projectId!, "wiki"), remote);
    } catch (error) {
      if (error instanceof MirrorError) throw new RecordError(error.message, "Gitlab::Git::CommandError");
      throw error;
    }
    return { source: pages, fetched: pages, imported: pages };
  },
  // A file import: the archive's `project.wiki.bundle`.
  fromArchive: ({ entity }) => restoreArchiveWiki(entity),
};
