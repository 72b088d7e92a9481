import { eq, sql } from "drizzle-orm";
import { bulkImportEntities, bulkImportFailures, bulkImports, getDb, groups, projects, users } from "@/lib/db";
import type { Viewer } from "@/lib/viewer";
import { humanStatus, statusName, type HumanStatus, type StatusName } from "../status";
import { canOpen, validId } from "./visibility";

/** An imported group or project as the history, failures and details pages head it (no per-relation counts). */
export interface EntitySummary {
  id: number;
  bulkImportId: number;
  parentId: number | null;
  userId: number;
  username: string;
  sourceType: "group" | "project";
  sourceFullPath: string;
  /** The source instance, as the import was configured. */
  sourceInstanceUrl: string;
  /** The group or project on the source instance. */
  sourceWebUrl: string;
  /** The created group's full path, or where it will be created while it is not yet. */
  destinationFullPath: string;
  destinationGroupId: number | null;
  /** The created project (project entities), null until the project pipeline has made it. */
  destinationProjectId: number | null;
  /** Where the created group or project is shown in Ferry; null while it does not exist. */
  destinationPath: string | null;
  status: number;
  statusName: StatusName;
  humanStatus: HumanStatus;
  hasFailures: boolean;
  /** Capped at FAILURE_COUNT_CAP: the page says "1000+" rather than counting a million rows. */
  failuresCount: number;
  bulkImportStatus: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  updatedAt: Date;
}

export const FAILURE_COUNT_CAP = 1000;

const e = bulkImportEntities;
const b = bulkImports;

const summaryColumns = {
  id: e.id,
  bulkImportId: e.bulkImportId,
  parentId: e.parentId,
  sourceType: e.sourceType,
  sourceFullPath: e.sourceFullPath,
  destinationSlug: e.destinationSlug,
  destinationNamespace: e.destinationNamespace,
  namespaceId: e.namespaceId,
  projectId: e.projectId,
  status: e.status,
  hasFailures: e.hasFailures,
  createdAt: e.createdAt,
  startedAt: e.startedAt,
  finishedAt: e.finishedAt,
  updatedAt: e.updatedAt,
  bulkImportStatus: b.status,
  sourceUrl: b.sourceUrl,
  userId: b.userId,
  username: users.username,
  groupId: groups.id,
  groupFullPath: groups.fullPath,
  projectPath: projects.path,
  // The index on (entity_id, created_at) makes this a short index scan, stopped at the cap.
  failuresCount: sql<number>`(SELECT count(*)::int FROM (SELECT 1 FROM ${bulkImportFailures} WHERE ${bulkImportFailures.entityId} = ${e.id} LIMIT ${FAILURE_COUNT_CAP}) AS capped)`,
  /** The size of the whole list, so that a page and its total come from one query. */
  total: sql<number>`(count(*) OVER ())::int`,
};

/** Entities with their import, owner and created group: one row each, filtered and ordered by the caller. */
export function entitySummaryQuery() {
  return getDb()
    .select(summaryColumns)
    .from(e)
    .innerJoin(b, eq(b.id, e.bulkImportId))
    .innerJoin(users, eq(users.id, b.userId))
    .leftJoin(groups, eq(groups.id, e.namespaceId))
    .leftJoin(projects, eq(projects.id, e.projectId));
}

export type EntitySummaryRow = Awaited<ReturnType<typeof entitySummaryQuery>>[number];

export function sourceWebUrl(instanceUrl: string, fullPath: string): string {
  return `${instanceUrl.replace(/\/+$/, "")}/${fullPath}`;
}

export function toEntitySummary(row: EntitySummaryRow): EntitySummary {
  const hasFailures = row.hasFailures || row.failuresCount > 0;
  const planned = row.destinationNamespace ? `${row.destinationNamespace}/${row.destinationSlug}` : row.destinationSlug;
  const project = row.sourceType === "project_entity";
  // A project's own path once made: an import with `overwrite` runs at a temporary one, which is where it is until done.
  const made = project && row.projectPath !== null ? (row.destinationNamespace ? `${row.destinationNamespace}/${row.projectPath}` : row.projectPath) : null;
  const destinationFullPath = (project ? made : row.groupFullPath) ?? planned;
  // GitLab's addresses: /groups/<full path> for a group, /<full path> for a project.
  const created = project ? row.projectId !== null : row.groupId !== null;
  return {
    id: row.id,
    bulkImportId: row.bulkImportId,
    parentId: row.parentId,
    userId: row.userId,
    username: row.username,
    sourceType: row.sourceType === "project_entity" ? "project" : "group",
    sourceFullPath: row.sourceFullPath,
    sourceInstanceUrl: row.sourceUrl,
    sourceWebUrl: sourceWebUrl(row.sourceUrl, row.sourceFullPath),
    destinationFullPath,
    destinationGroupId: project ? null : row.groupId,
    destinationProjectId: row.projectId,
    destinationPath: created ? `${project ? "" : "/groups"}/${destinationFullPath}` : null,
    status: row.status,
    statusName: statusName(row.status),
    humanStatus: humanStatus(row.status, hasFailures),
    hasFailures,
    failuresCount: row.failuresCount,
    bulkImportStatus: row.bulkImportStatus,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    updatedAt: row.updatedAt,
  };
}

/** One imported group or project, if the viewer may open it. */
export async function findEntitySummary(viewer: Viewer, entityId: number): Promise<EntitySummary | undefined> {
  if (!validId(entityId)) return undefined;
  const [row] = await entitySummaryQuery().where(eq(e.id, entityId)).limit(1);
  return row && canOpen(viewer, row.userId) ? toEntitySummary(row) : undefined;
}
