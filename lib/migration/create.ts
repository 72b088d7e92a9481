import { encryptSecret } from "@/lib/crypto";
import { bulkImportEntities, bulkImports, getDb } from "@/lib/db";
import { enqueue } from "@/lib/jobs";
import type { Viewer } from "@/lib/viewer";
import { checkDistinctTargets, checkNoNestedSources, checkRateLimit, checkSourceAndDestinations, type EntityRequest, type SourceConfig } from "./create-checks";
import { ImportRequestError } from "./errors";
import { notifyImportChanged } from "./notify";
import { bulkImportColumns, type ApiBulkImport } from "./read/api-bulk-imports";

export interface StartOptions {
  /**
   * One bulk import per entity, as GitLab's importer page makes them (each row of the page is its own import), instead
   * of one bulk import holding every entity, as POST /api/v4/bulk_imports makes it. Either way it is one start: one
   * transaction, one step of the rate limit, nothing created when any check fails.
   */
  importPerEntity?: boolean;
}

export interface StartedBulkImport {
  /** The import as GitLab's API shows it. */
  bulkImport: ApiBulkImport;
  /** Its entities, in the order of the requests. */
  entities: { id: number; sourceFullPath: string }[];
}

/**
 * The one way an import starts. Checks everything on the server, in this order: at least one entity, the rate limit,
 * no source inside another of the same import, distinct destinations, then the source (URL policy, version, token
 * scopes) and each entity's destination (permission, path format, availability) and source group or project (found,
 * direct transfer enabled, Owner of a group, Maintainer of a project). Then creates the bulk imports and their entities in one transaction,
 * tells open pages, and queues each import. Throws ImportRequestError; its `index` is the refused entity's.
 */
export async function startBulkImport(user: Viewer, source: SourceConfig, entities: EntityRequest[], options: StartOptions = {}): Promise<StartedBulkImport[]> {
  if (entities.length === 0) throw new ImportRequestError("Select at least one group to import.", null, null, 400);
  await checkRateLimit(user.id);
  const imports = options.importPerEntity ? entities.map((entity, index) => ({ offset: index, entities: [entity] })) : [{ offset: 0, entities }];
  for (const group of imports) checkNoNestedSources(group.entities, group.offset);
  checkDistinctTargets(entities);
  const { connection, sourceIds } = await checkSourceAndDestinations(user, source, entities);

  const tokenCiphertext = encryptSecret(source.token);
  const started = await getDb().transaction(async (tx) => {
    const created: StartedBulkImport[] = [];
    for (const group of imports) {
      const [bulkImport] = await tx
        .insert(bulkImports)
        .values({ userId: user.id, sourceUrl: connection.url, sourceVersion: connection.versionString, sourceEnterprise: connection.isEnterprise, tokenCiphertext })
        .returning(bulkImportColumns);
      const rows = await tx
        .insert(bulkImportEntities)
        .values(
          group.entities.map((request, i) => ({
            bulkImportId: bulkImport!.id,
            sourceType: request.sourceType,
            sourceFullPath: request.sourceFullPath,
            sourceXid: sourceIds[group.offset + i]!,
            destinationSlug: request.destinationSlug,
            destinationNamespace: request.destinationNamespace,
            migrateProjects: request.migrateProjects,
            migrateMemberships: request.migrateMemberships,
          })),
        )
        .returning({ id: bulkImportEntities.id, sourceFullPath: bulkImportEntities.sourceFullPath });
      for (const entity of rows) await notifyImportChanged(tx, { userId: user.id, bulkImportId: bulkImport!.id, entityId: entity.id });
      created.push({ bulkImport: bulkImport!, entities: rows });
    }
    return created;
  });
  for (const { bulkImport } of started) await enqueue("import.process", { bulkImportId: bulkImport.id }, { singletonKey: String(bulkImport.id) });
  return started;
}

/** A group to import as the importer page asks for it: always a group. */
export type ImportRequest = Omit<EntityRequest, "sourceType">;

/** What the importer page hears back for each group it started. */
export interface StartedImport {
  bulkImportId: number;
  entityId: number;
  sourceFullPath: string;
}

/** startBulkImport with one import per group, answering what each group became: the shape scripts and tests use. */
export async function startImports(user: Viewer, source: SourceConfig, requests: ImportRequest[]): Promise<StartedImport[]> {
  const started = await startBulkImport(
    user,
    source,
    requests.map((request) => ({ ...request, sourceType: "group_entity" })),
    { importPerEntity: true },
  );
  return started.map(({ bulkImport, entities: [entity] }) => ({ bulkImportId: bulkImport.id, entityId: entity!.id, sourceFullPath: entity!.sourceFullPath }));
}
