import { and, eq, gt, sql } from "drizzle-orm";
import { getConfig } from "@/lib/config";
import { encryptSecret } from "@/lib/crypto";
import { bulkImportEntities, bulkImports, getDb } from "@/lib/db";
import { connectSource, exportStatus, isSourceError, SourceClient, type SourceConnection } from "@/lib/gitlab";
import { canCreateSubgroup, findGroup, fullPathExists, groupPathError } from "@/lib/groups";
import { enqueue } from "@/lib/jobs";
import { sourcePolicy } from "@/lib/settings";
import { ImportRequestError } from "./errors";
import { notifyImportChanged } from "./notify";

export interface ImportRequest {
  sourceFullPath: string;
  destinationSlug: string;
  /** "" for a top-level group, else the full path of the parent group. */
  destinationNamespace: string;
  migrateProjects: boolean;
  migrateMemberships: boolean;
}

export interface SourceConfig {
  url: string;
  token: string;
}

export const RATE_LIMIT_MESSAGE = "Over six imports in one minute were attempted. Wait at least one minute and try again.";

/** Starts within the last minute: rows created by one start share a transaction timestamp. */
async function startsInLastMinute(userId: number): Promise<number> {
  const [row] = await getDb()
    .select({ starts: sql<number>`count(distinct ${bulkImports.createdAt})::int` })
    .from(bulkImports)
    .where(and(eq(bulkImports.userId, userId), gt(bulkImports.createdAt, sql`now() - interval '1 minute'`)));
  return row?.starts ?? 0;
}

/** GitLab's bulk_import rate limit (6 starts per user per minute by default); a start is one transaction. */
export async function checkRateLimit(userId: number): Promise<void> {
  if ((await startsInLastMinute(userId)) >= getConfig().FERRY_IMPORT_STARTS_PER_MINUTE) throw new ImportRequestError(RATE_LIMIT_MESSAGE, null, null, 429);
}

/** Two requests may not target the same destination path (compared case-insensitively, as GitLab's paths are). */
export function checkDistinctTargets(requests: readonly ImportRequest[]): void {
  const seen = new Map<string, number>();
  requests.forEach((request, index) => {
    const key = `${request.destinationNamespace}/${request.destinationSlug}`.toLowerCase();
    if (seen.has(key)) throw new ImportRequestError("Name already used as a target for another group.", index, "destinationSlug", 422);
    seen.set(key, index);
  });
}

export async function connect(source: SourceConfig): Promise<SourceConnection> {
  try {
    return await connectSource({ url: source.url, token: source.token, ...(await sourcePolicy()) });
  } catch (error) {
    if (isSourceError(error)) throw new ImportRequestError(error.message, null, null, 422);
    throw error;
  }
}

/** The source group's id, after checking that direct transfer is on and the token's user may export it. */
export async function checkSourceGroup(client: SourceClient, request: ImportRequest, index: number): Promise<number> {
  let id: number;
  try {
    id = (await client.get<{ id: number }>(`/groups/${encodeURIComponent(request.sourceFullPath)}`)).data.id;
  } catch (error) {
    if (isSourceError(error, "not_found")) throw new ImportRequestError(`Source group ${request.sourceFullPath} was not found on the source instance, or you cannot see it.`, index, "sourceFullPath", 422);
    throw new ImportRequestError(isSourceError(error) ? error.message : "The source group could not be read.", index, "sourceFullPath", 422);
  }
  try {
    await exportStatus(client, id, { kind: "group" });
  } catch (error) {
    if (isSourceError(error, "not_found")) {
      throw new ImportRequestError("Group import by direct transfer is disabled on the source instance. Ask its administrator to enable it.", index, "sourceFullPath", 422);
    }
    if (isSourceError(error, "forbidden")) {
      throw new ImportRequestError(`You need the Owner role on ${request.sourceFullPath} in the source instance to migrate it.`, index, "sourceFullPath", 422);
    }
    throw new ImportRequestError(isSourceError(error) ? error.message : "The source group could not be checked.", index, "sourceFullPath", 422);
  }
  return id;
}

export async function checkDestination(user: { id: number; isAdmin: boolean }, request: ImportRequest, index: number): Promise<void> {
  const topLevel = request.destinationNamespace === "";
  if (!topLevel) {
    const parent = await findGroup(user, request.destinationNamespace);
    if (!parent) throw new ImportRequestError(`Destination group ${request.destinationNamespace} was not found.`, index, "destinationNamespace", 422);
    if (!canCreateSubgroup(user, parent.accessLevel)) {
      throw new ImportRequestError(`You don't have permission to create subgroups in ${request.destinationNamespace}.`, index, "destinationNamespace", 422);
    }
  }
  const pathError = groupPathError(request.destinationSlug, topLevel);
  if (pathError) throw new ImportRequestError(pathError, index, "destinationSlug", 422);
  const fullPath = topLevel ? request.destinationSlug : `${request.destinationNamespace}/${request.destinationSlug}`;
  if (await fullPathExists(fullPath)) throw new ImportRequestError(`Name already exists: ${fullPath} has already been taken.`, index, "destinationSlug", 422);
}

/**
 * Connects to the source (version, token scope), then checks each request's destination and source group in order.
 * Returns the connection and each source group's id, in the order of the requests.
 */
export async function checkRequests(
  user: { id: number; isAdmin: boolean },
  source: SourceConfig,
  requests: readonly ImportRequest[],
): Promise<{ connection: SourceConnection; sourceIds: number[] }> {
  const connection = await connect(source);
  const client = new SourceClient({ url: connection.url, token: source.token, ...(await sourcePolicy()) });
  const sourceIds: number[] = [];
  try {
    for (const [index, request] of requests.entries()) {
      await checkDestination(user, request, index);
      sourceIds.push(await checkSourceGroup(client, request, index));
    }
  } finally {
    client.close();
  }
  return { connection, sourceIds };
}

/**
 * Checks everything again on the server (source version and token scope, each source group and its export API,
 * destination permission, path format and availability), then creates one bulk import per group in one
 * transaction and queues them. Nothing is created when any check fails.
 */
export async function startImports(
  user: { id: number; isAdmin: boolean },
  source: SourceConfig,
  requests: ImportRequest[],
): Promise<{ bulkImportId: number; entityId: number; sourceFullPath: string }[]> {
  if (requests.length === 0) throw new ImportRequestError("Select at least one group to import.", null, null, 400);
  await checkRateLimit(user.id);
  checkDistinctTargets(requests);
  const { connection, sourceIds } = await checkRequests(user, source, requests);

  const tokenCiphertext = encryptSecret(source.token);
  const created = await getDb().transaction(async (tx) => {
    const rows: { bulkImportId: number; entityId: number; sourceFullPath: string }[] = [];
    for (const [index, request] of requests.entries()) {
      const [bulkImport] = await tx
        .insert(bulkImports)
        .values({ userId: user.id, sourceUrl: connection.url, sourceVersion: connection.versionString, sourceEnterprise: connection.isEnterprise, tokenCiphertext })
        .returning({ id: bulkImports.id });
      const [entity] = await tx
        .insert(bulkImportEntities)
        .values({
          bulkImportId: bulkImport!.id,
          sourceType: "group_entity",
          sourceFullPath: request.sourceFullPath,
          sourceXid: sourceIds[index]!,
          destinationSlug: request.destinationSlug,
          destinationNamespace: request.destinationNamespace,
          migrateProjects: request.migrateProjects,
          migrateMemberships: request.migrateMemberships,
        })
        .returning({ id: bulkImportEntities.id });
      await notifyImportChanged(tx, { userId: user.id, bulkImportId: bulkImport!.id, entityId: entity!.id });
      rows.push({ bulkImportId: bulkImport!.id, entityId: entity!.id, sourceFullPath: request.sourceFullPath });
    }
    return rows;
  });
  for (const row of created) await enqueue("import.process", { bulkImportId: row.bulkImportId }, { singletonKey: String(row.bulkImportId) });
  return created;
}
