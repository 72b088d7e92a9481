import { eq } from "drizzle-orm";
import { decryptSecret } from "@/lib/crypto";
import { bulkImportEntities, bulkImports, getDb, users } from "@/lib/db";
import { SourceClient } from "@/lib/gitlab";
import { sourcePolicy, type SourcePolicy } from "@/lib/settings";
import type { EntityContext } from "../pipelines";
import { archiveRelationSource } from "./archive-relation-source";
import { httpRelationSource } from "./http-relation-source";
import type { RelationSource } from "./relation-source";

export type BulkImportRow = typeof bulkImports.$inferSelect;
export type EntityRow = typeof bulkImportEntities.$inferSelect;

/** `bulk_imports.source_type` of an import from a GitLab export archive (POST /groups/import). */
export const FILE_IMPORT_SOURCE_TYPE = "file";

const PORTABLE = { group_entity: "group", project_entity: "project" } as const;

/** Group or project, from an entity's `source_type`. */
export const portableOf = (sourceType: EntityRow["sourceType"]) => PORTABLE[sourceType];

export interface LoadedEntity {
  entity: EntityRow;
  bulkImport: BulkImportRow;
  context: EntityContext;
}

export async function loadEntity(entityId: number): Promise<LoadedEntity | undefined> {
  const [row] = await getDb()
    .select({ entity: bulkImportEntities, bulkImport: bulkImports, isAdmin: users.isAdmin })
    .from(bulkImportEntities)
    .innerJoin(bulkImports, eq(bulkImports.id, bulkImportEntities.bulkImportId))
    .innerJoin(users, eq(users.id, bulkImports.userId))
    .where(eq(bulkImportEntities.id, entityId));
  return row && loadedEntityOf(row);
}

/** An entity's run context from its row, its import's and whether the importing user is an administrator. */
export function loadedEntityOf({ entity, bulkImport, isAdmin }: { entity: EntityRow; bulkImport: BulkImportRow; isAdmin: boolean }): LoadedEntity {
  return {
    entity,
    bulkImport,
    context: {
      entityId: entity.id,
      portable: PORTABLE[entity.sourceType],
      bulkImportId: bulkImport.id,
      userId: bulkImport.userId,
      isAdmin,
      sourceUrl: bulkImport.sourceUrl,
      sourceVersion: bulkImport.sourceVersion,
      sourceEnterprise: bulkImport.sourceEnterprise,
      sourceFullPath: entity.sourceFullPath,
      sourceXid: entity.sourceXid ?? 0,
      destinationSlug: entity.destinationSlug,
      destinationNamespace: entity.destinationNamespace,
      groupId: entity.namespaceId,
      projectId: entity.projectId,
      migrateProjects: entity.migrateProjects,
      migrateMemberships: entity.migrateMemberships,
      fromArchive: bulkImport.sourceType === FILE_IMPORT_SOURCE_TYPE,
      onlyRelations: entity.onlyRelations ?? undefined,
      skipExistingIids: entity.skipExistingIids,
    },
  };
}

/**
 * A client for the import's source, with the token the import was started with and today's URL policy (read now, or
 * given when the caller read the settings with its own rows).
 */
export async function sourceClientFor(bulkImport: BulkImportRow, policy?: SourcePolicy): Promise<SourceClient> {
  return new SourceClient({ url: bulkImport.sourceUrl, token: decryptSecret(bulkImport.tokenCiphertext), ...(policy ?? (await sourcePolicy())) });
}

/** Where the entity's relations are read from: the source's relation-export API, or the uploaded archive. */
export function relationSourceFor(loaded: LoadedEntity, client: SourceClient | null): RelationSource {
  if (!client) return archiveRelationSource(loaded.bulkImport.id, loaded.context.sourceXid);
  return httpRelationSource(client, { kind: loaded.context.portable, id: loaded.context.sourceXid });
}

/** Runs with a client for the import's source; a file import has no source, and runs with null. */
export async function withSourceClient<T>(bulkImport: BulkImportRow, run: (client: SourceClient | null) => Promise<T>, policy?: SourcePolicy): Promise<T> {
  if (bulkImport.sourceType === FILE_IMPORT_SOURCE_TYPE) return run(null);
  const client = await sourceClientFor(bulkImport, policy);
  try {
    return await run(client);
  } finally {
    client.close();
  }
}
