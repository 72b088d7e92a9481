import { encryptSecret } from "@/lib/crypto";
import { bulkImportEntities, bulkImports, getDb } from "@/lib/db";
import { enqueue } from "@/lib/jobs";
import { checkDistinctTargets, checkRateLimit, checkRequests, type ImportRequest, type SourceConfig } from "./create";
import { ImportRequestError } from "./errors";
import { notifyImportChanged } from "./notify";

export type EntitySourceType = "group_entity" | "project_entity";

export interface ApiImportRequest extends ImportRequest {
  sourceType: EntitySourceType;
}

export const PROJECT_MIGRATION_MESSAGE =
  "Project migration is not available in Ferry yet, so a project_entity cannot be imported. " +
  "Import the group that contains the project instead (source_type group_entity; its projects are counted and " +
  "reported as not migrated), or move the project with GitLab's project export and import.";

/** Flipped when project pipelines exist; until then a project entity is refused before anything is created. */
const PROJECT_MIGRATION_AVAILABLE = false;

export interface StartedBulkImport {
  bulkImport: Pick<typeof bulkImports.$inferSelect, "id" | "status" | "sourceType" | "sourceUrl" | "hasFailures" | "createdAt" | "updatedAt">;
  entityIds: number[];
}

const lower = (path: string) => path.toLowerCase();

/**
 * One group inside another in the same import would be found again by the outer group's subgroups pipeline, and
 * an import holds a source path once: the inner request would silently lose its own destination. Refused instead.
 */
function checkNoNestedSources(requests: readonly ApiImportRequest[]): void {
  requests.forEach((request, index) => {
    const path = lower(request.sourceFullPath);
    // The later of two equal paths is the one refused; a subgroup is refused whichever comes first.
    const outer = requests.findIndex((other, i) => (i < index && lower(other.sourceFullPath) === path) || path.startsWith(`${lower(other.sourceFullPath)}/`));
    if (outer === -1) return;
    const other = requests[outer]!.sourceFullPath;
    const message =
      lower(other) === path
        ? `${request.sourceFullPath} is listed twice in this import.`
        : `${request.sourceFullPath} is a subgroup of ${other}, which this import already migrates with its subgroups. Import it in a separate request.`;
    throw new ImportRequestError(message, index, "sourceFullPath", 422);
  });
}

/**
 * GitLab's POST /bulk_imports: ONE bulk import holding one entity per request (the page's startImports makes one
 * import per group instead). Runs the page's checks (rate limit, source version and token scope, each destination
 * and source group), creates everything in one transaction, tells open pages, and queues the import.
 */
export async function startApiBulkImport(user: { id: number; isAdmin: boolean }, source: SourceConfig, requests: ApiImportRequest[]): Promise<StartedBulkImport> {
  if (requests.length === 0) throw new ImportRequestError("Select at least one group to import.", null, null, 400);
  await checkRateLimit(user.id);
  const project = requests.findIndex((r) => r.sourceType === "project_entity");
  if (project !== -1 && !PROJECT_MIGRATION_AVAILABLE) throw new ImportRequestError(PROJECT_MIGRATION_MESSAGE, project, "sourceFullPath", 422);
  checkNoNestedSources(requests);
  checkDistinctTargets(requests);
  const { connection, sourceIds } = await checkRequests(user, source, requests);

  const tokenCiphertext = encryptSecret(source.token);
  const started = await getDb().transaction(async (tx) => {
    const [bulkImport] = await tx
      .insert(bulkImports)
      .values({ userId: user.id, sourceUrl: connection.url, sourceVersion: connection.versionString, sourceEnterprise: connection.isEnterprise, tokenCiphertext })
      .returning({
        id: bulkImports.id,
        status: bulkImports.status,
        sourceType: bulkImports.sourceType,
        sourceUrl: bulkImports.sourceUrl,
        hasFailures: bulkImports.hasFailures,
        createdAt: bulkImports.createdAt,
        updatedAt: bulkImports.updatedAt,
      });
    const entities = await tx
      .insert(bulkImportEntities)
      .values(
        requests.map((request, index) => ({
          bulkImportId: bulkImport!.id,
          sourceType: request.sourceType,
          sourceFullPath: request.sourceFullPath,
          sourceXid: sourceIds[index]!,
          destinationSlug: request.destinationSlug,
          destinationNamespace: request.destinationNamespace,
          migrateProjects: request.migrateProjects,
          migrateMemberships: request.migrateMemberships,
        })),
      )
      .returning({ id: bulkImportEntities.id });
    for (const entity of entities) await notifyImportChanged(tx, { userId: user.id, bulkImportId: bulkImport!.id, entityId: entity.id });
    return { bulkImport: bulkImport!, entityIds: entities.map((e) => e.id) };
  });
  await enqueue("import.process", { bulkImportId: started.bulkImport.id }, { singletonKey: String(started.bulkImport.id) });
  return started;
}
