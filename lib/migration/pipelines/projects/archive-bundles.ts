import { and, asc, eq, gt } from "drizzle-orm";
import { snippets, type Db } from "@/lib/db";
import { relationOf } from "@/lib/relations";
import { BundleError, createRepository, removeRepository, repositoryExists, RepositoryExistsError, repositoryPath, restoreFromBundle } from "@/lib/repositories";
import { snippetBundleDigest, validateSnippetRepository } from "@/lib/snippets";
import { RecordError } from "../../errors";
import { storedArchiveFile } from "../../file-import/archive-store";
import { recordFailure } from "../../record-failure";
import { ownerOf } from "../support/owner";
import type { EntityContext, RestResult } from "../support/types";

type RepositoryKind = Parameters<typeof createRepository>[1]["kind"];

/** Restores a bundle of the archive into the owner's repository of `kind`, made first when missing. */
async function restoreInto(ownerId: number, kind: RepositoryKind, bundle: string): Promise<void> {
  if (!(await repositoryExists(ownerId, kind))) {
    await createRepository(ownerId, { kind }).catch((error: unknown) => {
      // Made by an earlier run of this job: restored into all the same.
      if (!(error instanceof RepositoryExistsError)) throw error;
    });
  }
  try {
    await restoreFromBundle(repositoryPath(ownerId, kind), bundle);
  } catch (error) {
    if (error instanceof BundleError) throw new RecordError(error.message, "Gitlab::Git::CommandError");
    throw error;
  }
}

/**
 * The wiki of a project archive (GitLab's WikiRestorer): `project.wiki.bundle` restored into the project's wiki
 * repository. No bundle is no wiki (GitLab leaves an empty wiki out), nothing done.
 */
export async function restoreArchiveWiki(entity: EntityContext): Promise<RestResult> {
  const bundle = await storedArchiveFile(entity.bulkImportId, "project.wiki.bundle");
  if (!bundle) return { source: 0, fetched: 0, imported: 0 };
  await restoreInto(ownerOf(entity).projectId!, "wiki", bundle);
  return { source: 1, fetched: 1, imported: 1 };
}

const SNIPPET_PAGE = 500;

/**
 * The snippet repositories of a project archive (GitLab's SnippetsRepoRestorer): each snippet the `snippets` relation
 * imported finds its bundle by its digest (`snippets/<hexdigest>.bundle`, reference §1.1); a bundle is restored and
 * validated as a snippet repository. A snippet without a bundle has no repository; one that cannot be restored or
 * breaks a rule is removed and is one failure, and the others go on.
 */
export async function restoreArchiveSnippets(entity: EntityContext, db: Db): Promise<RestResult> {
  const { projectId } = ownerOf(entity);
  const pipelineClass = relationOf("project", "snippets_repository")?.pipelineClass ?? "SnippetsRepositoryPipeline";
  const counts = { source: 0, fetched: 0, imported: 0 };
  let after = 0;
  for (;;) {
    const rows = await db
      .select({ id: snippets.id, title: snippets.title, description: snippets.description, createdAt: snippets.createdAt, updatedAt: snippets.updatedAt })
      .from(snippets)
      .where(and(eq(snippets.projectId, projectId!), gt(snippets.id, after)))
      .orderBy(asc(snippets.id))
      .limit(SNIPPET_PAGE);
    for (const row of rows) {
      const bundle = await storedArchiveFile(entity.bulkImportId, `snippets/${snippetBundleDigest(row)}.bundle`);
      if (!bundle) continue;
      counts.source++;
      counts.fetched++;
      try {
        await restoreInto(row.id, "snippet", bundle);
        const invalid = await validateSnippetRepository(repositoryPath(row.id, "snippet"));
        if (invalid) throw new RecordError(`Error: ${invalid}`, "Snippets::RepositoryValidationService::RepositoryValidationError");
        counts.imported++;
      } catch (error) {
        if (!(error instanceof RecordError)) throw error;
        await removeRepository(row.id, "snippet");
        await recordFailure({ entityId: entity.entityId, relation: "snippets_repository", pipelineClass, pipelineStep: "loader", error, sourceTitle: row.title, batchNumber: 0, lineNumber: row.id });
      }
    }
    if (rows.length < SNIPPET_PAGE) return counts;
    after = rows[rows.length - 1]!.id;
  }
}
