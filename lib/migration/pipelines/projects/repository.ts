import { fetchMirror, MirrorError, repositoryPath } from "@/lib/repositories";
import { RecordError } from "../../errors";
import { ownerOf } from "../support/owner";
import type { RestPipeline } from "../support/types";
import { adoptRepositoryHead } from "./repository-head";

/**
 * Stage 1 of a project entity, sources before 15.1 (GitLab's RepositoryPipeline; they export no bundle): the
 * repository fetched as a mirror from the source over smart HTTP, as `oauth2:<token>`, under the same URL policy as
 * every other source request (lib/gitlab gitRemote). Every ref comes along (branches, tags, merge request refs). A
 * failure fails the project; a replay fetches again, which changes nothing the source did not change.
 */
export const repositoryPipeline: RestPipeline = {
  kind: "rest",
  relation: "repository",
  abortOnFailure: true,
  async run({ entity, client }) {
    const { projectId } = ownerOf(entity);
    const remote = await client.gitRemote(`${entity.sourceFullPath}.git`);
    try {
      const { head } = await fetchMirror(repositoryPath(projectId!, "project"), remote);
      await adoptRepositoryHead(projectId!, head);
    } catch (error) {
      if (error instanceof MirrorError) throw new RecordError(error.message, "Gitlab::Git::CommandError");
      throw error;
    }
    return { source: 1, fetched: 1, imported: 1 };
  },
};
