import { and, eq, gt, sql } from "drizzle-orm";
import { getConfig } from "@/lib/config";
import { bulkImports, getDb } from "@/lib/db";
import { connectSource, exportStatus, isSourceError, SourceClient, type SourceConnection } from "@/lib/gitlab";
import { canCreateSubgroup, findGroup, fullPathExists, groupPathError, projectPathError } from "@/lib/groups";
import { canCreateProjectIn } from "@/lib/projects";
import { sourcePolicy } from "@/lib/settings";
import { isGroupFullPath } from "@/lib/sources/target-rules";
import type { Viewer } from "@/lib/viewer";
import { ImportRequestError } from "./errors";

/**
 * The checks a start runs before anything is created, whoever asks (the importer page or POST /api/v4/bulk_imports).
 * Each throws an ImportRequestError naming the request (its index) and field it is about, with its HTTP status.
 */

export type EntitySourceType = "group_entity" | "project_entity";

/** One group or project to migrate, and where to. */
export interface EntityRequest {
  sourceType: EntitySourceType;
  sourceFullPath: string;
  destinationSlug: string;
  /** "" for a top-level group, else the full path of the parent group (a project's group: never ""). */
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

const lower = (path: string) => path.toLowerCase();

/**
 * One group inside another in the same import would be found again by the outer group's subgroups pipeline, and
 * an import holds a source path once: the inner request would silently lose its own destination. Refused instead.
 * `requests` are the entities of one bulk import; `offset` is the index of the first among all the start's requests.
 */
export function checkNoNestedSources(requests: readonly EntityRequest[], offset = 0): void {
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
    throw new ImportRequestError(message, offset + index, "sourceFullPath", 422);
  });
}

/** Two requests may not target the same destination path (compared case-insensitively, as GitLab's paths are). */
export function checkDistinctTargets(requests: readonly EntityRequest[]): void {
  const seen = new Map<string, number>();
  requests.forEach((request, index) => {
    const key = `${request.destinationNamespace}/${request.destinationSlug}`.toLowerCase();
    if (seen.has(key)) throw new ImportRequestError("Name already used as a target for another group.", index, "destinationSlug", 422);
    seen.set(key, index);
  });
}

/**
 * Every source path is a group's or a project's full path (a project's has its group's before it): one that is not
 * would make Ferry ask the source for something else.
 */
function checkSourcePaths(requests: readonly EntityRequest[]): void {
  requests.forEach((request, index) => {
    const project = request.sourceType === "project_entity";
    if (isGroupFullPath(request.sourceFullPath) && (!project || request.sourceFullPath.includes("/"))) return;
    const message = project
      ? `${request.sourceFullPath} is not a project's full path: its group's full path, a slash, and the project's path.`
      : `${request.sourceFullPath} is not a group's full path: its segments (letters, digits, '_', '-' and '.') are joined by single slashes, and none is '.' or '..'.`;
    throw new ImportRequestError(message, index, "sourceFullPath", 422);
  });
}

/** The source's version and the token's scopes, through the URL policy; a refusal is the user's to fix (422). */
async function connect(source: SourceConfig): Promise<SourceConnection> {
  try {
    return await connectSource({ url: source.url, token: source.token, ...(await sourcePolicy()) });
  } catch (error) {
    if (isSourceError(error)) throw new ImportRequestError(error.message, null, null, 422);
    throw error;
  }
}

const KIND = { group_entity: { kind: "group", noun: "group", api: "groups", role: "Owner" }, project_entity: { kind: "project", noun: "project", api: "projects", role: "Maintainer" } } as const;

/** The source group's or project's id, after checking that direct transfer is on and the token's user may export it. */
async function checkSource(client: SourceClient, request: EntityRequest, index: number): Promise<number> {
  const { kind, noun, api, role } = KIND[request.sourceType];
  let id: number;
  try {
    id = (await client.get<{ id: number }>(`/${api}/${encodeURIComponent(request.sourceFullPath)}`)).data.id;
  } catch (error) {
    if (isSourceError(error, "not_found")) throw new ImportRequestError(`Source ${noun} ${request.sourceFullPath} was not found on the source instance, or you cannot see it.`, index, "sourceFullPath", 422);
    throw new ImportRequestError(isSourceError(error) ? error.message : `The source ${noun} could not be read.`, index, "sourceFullPath", 422);
  }
  try {
    await exportStatus(client, id, { kind });
  } catch (error) {
    if (isSourceError(error, "not_found")) {
      throw new ImportRequestError(`${noun === "group" ? "Group" : "Project"} import by direct transfer is disabled on the source instance. Ask its administrator to enable it.`, index, "sourceFullPath", 422);
    }
    if (isSourceError(error, "forbidden")) {
      throw new ImportRequestError(`You need the ${role} role on ${request.sourceFullPath} in the source instance to migrate it.`, index, "sourceFullPath", 422);
    }
    throw new ImportRequestError(isSourceError(error) ? error.message : `The source ${noun} could not be checked.`, index, "sourceFullPath", 422);
  }
  return id;
}

async function checkDestination(user: Viewer, request: EntityRequest, index: number): Promise<void> {
  const project = request.sourceType === "project_entity";
  const topLevel = request.destinationNamespace === "";
  if (project && topLevel) throw new ImportRequestError("A project is imported into a group: destination_namespace names it.", index, "destinationNamespace", 422);
  if (!topLevel) {
    const parent = await findGroup(user, request.destinationNamespace);
    if (!parent) throw new ImportRequestError(`Destination group ${request.destinationNamespace} was not found.`, index, "destinationNamespace", 422);
    if (project ? !canCreateProjectIn(user, parent) : !canCreateSubgroup(user, parent.accessLevel)) {
      throw new ImportRequestError(`You don't have permission to create ${project ? "projects" : "subgroups"} in ${request.destinationNamespace}.`, index, "destinationNamespace", 422);
    }
  }
  const pathError = project ? projectPathError(request.destinationSlug) : groupPathError(request.destinationSlug, topLevel);
  if (pathError) throw new ImportRequestError(pathError, index, "destinationSlug", 422);
  const fullPath = topLevel ? request.destinationSlug : `${request.destinationNamespace}/${request.destinationSlug}`;
  if (await fullPathExists(fullPath)) throw new ImportRequestError(`Name already exists: ${fullPath} has already been taken.`, index, "destinationSlug", 422);
}

/**
 * Checks the source paths, connects to the source (URL policy, version, token scope), then checks each request's
 * destination and source group or project in order. Returns the connection and each source's id, in the order of the
 * requests.
 */
export async function checkSourceAndDestinations(user: Viewer, source: SourceConfig, requests: readonly EntityRequest[]): Promise<{ connection: SourceConnection; sourceIds: number[] }> {
  checkSourcePaths(requests);
  const connection = await connect(source);
  const client = new SourceClient({ url: connection.url, token: source.token, ...(await sourcePolicy()) });
  const sourceIds: number[] = [];
  try {
    for (const [index, request] of requests.entries()) {
      await checkDestination(user, request, index);
      sourceIds.push(await checkSource(client, request, index));
    }
  } finally {
    client.close();
  }
  return { connection, sourceIds };
}
