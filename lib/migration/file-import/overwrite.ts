import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { bulkImports, projects, type Tx } from "@/lib/db";
import { repositoriesOf, type StoredRepository } from "@/lib/projects";
import { FILE_IMPORT_SOURCE_TYPE } from "../engine/context";

interface EndingEntity {
  bulkImportId: number;
  sourceType: string;
  projectId: number | null;
  destinationSlug: string;
  onlyRelations: string[] | null;
}

/**
 * `overwrite=true` of POST /projects/import (GitLab's OverwriteProjectService), in the transaction that finishes the
 * project's entity: the import ran at a temporary path (`<path>-<hex>`, name `<name>-<hex>`), and now, complete, the
 * project at the requested path is deleted and the imported one takes its path and name, in one commit. An import
 * that failed never gets here: the old project stays as it was. Nothing to do for any other entity. Returns the
 * replaced project's repositories, for the caller to remove once this has committed (removeRepositories).
 */
export async function completeOverwrite(tx: Tx, entity: EndingEntity): Promise<StoredRepository[]> {
  // A relation import (onlyRelations) adds to the project it names: there is nothing to swap.
  if (entity.sourceType !== "project_entity" || entity.projectId === null || entity.onlyRelations !== null) return [];
  const [row] = await tx
    .select({ path: projects.path, name: projects.name, namespaceId: projects.namespaceId, sourceType: bulkImports.sourceType })
    .from(projects)
    .innerJoin(bulkImports, eq(bulkImports.id, entity.bulkImportId))
    .where(eq(projects.id, entity.projectId));
  if (!row || row.sourceType !== FILE_IMPORT_SOURCE_TYPE || row.path.toLowerCase() === entity.destinationSlug.toLowerCase()) return [];
  const suffix = row.path.slice(entity.destinationSlug.length);
  const name = suffix && row.name.endsWith(suffix) ? row.name.slice(0, -suffix.length) : row.name;
  const doomed = await tx
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.namespaceId, row.namespaceId), sql`lower(${projects.path}) = lower(${entity.destinationSlug})`, ne(projects.id, entity.projectId)));
  const repositories: StoredRepository[] = [];
  for (const { id } of doomed) repositories.push(...(await repositoriesOf(tx, id)));
  if (doomed.length > 0) await tx.delete(projects).where(inArray(projects.id, doomed.map(({ id }) => id)));
  // Another project may hold the name alone: the imported one then keeps its temporary name rather than failing.
  const [clash] = await tx
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.namespaceId, row.namespaceId), eq(projects.name, name), ne(projects.id, entity.projectId)));
  await tx
    .update(projects)
    .set({ path: entity.destinationSlug, ...(clash ? {} : { name }), updatedAt: new Date() })
    .where(eq(projects.id, entity.projectId));
  return repositories;
}
