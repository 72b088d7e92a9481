import { and, desc, eq, inArray } from "drizzle-orm";
import { bulkImportEntities, getDb, relationImportTrackers } from "@/lib/db";
import { logger } from "@/lib/log";
import { canAdminProject, findProject, type ProjectWithAccess } from "@/lib/projects";
import type { Viewer } from "@/lib/viewer";
import { STATUS } from "../status";
import { RELATION_IMPORT_STATUS, relationImportStatusName, type RelationImportStatusName } from "./relation-import-status";
import { discardMovedStore, enqueueFileImport, insertFileImport, receiveFileImport, refuse, type CheckedUpload, type FileImportKind, type FileImportRefusal } from "./start-file-import";

/** What GitLab's RelationImportService takes (IMPORTABLE_RELATIONS), in its order. */
export const IMPORTABLE_RELATIONS = ["issues", "merge_requests", "milestones", "ci_pipelines"] as const;
export type ImportableRelation = (typeof IMPORTABLE_RELATIONS)[number];

const RELATION_MESSAGE = `Imported relation must be one of ${IMPORTABLE_RELATIONS.slice(0, -1).join(", ")}, or ${IMPORTABLE_RELATIONS.at(-1)}`;
const IN_PROGRESS_MESSAGE = "A relation import is already in progress for this project";
const RUNNING_INDEX = "relation_import_trackers_running_idx";

/** GitLab's RelationImportTracker entity. */
export interface RelationImport {
  id: number;
  project_path: string;
  relation: ImportableRelation;
  status: RelationImportStatusName;
  created_at: string;
  updated_at: string;
}

interface Checked {
  project: ProjectWithAccess;
  relation: ImportableRelation;
}

const isRelation = (value: string): value is ImportableRelation => (IMPORTABLE_RELATIONS as readonly string[]).includes(value);

/** GitLab's `any_import_in_progress?`: a relation import not ended, or the project's own import still running. */
async function importInProgress(projectId: number): Promise<boolean> {
  const [relation] = await getDb()
    .select({ id: relationImportTrackers.id })
    .from(relationImportTrackers)
    .where(and(eq(relationImportTrackers.projectId, projectId), inArray(relationImportTrackers.status, [RELATION_IMPORT_STATUS.created, RELATION_IMPORT_STATUS.started])))
    .limit(1);
  if (relation) return true;
  const [entity] = await getDb()
    .select({ status: bulkImportEntities.status })
    .from(bulkImportEntities)
    .where(eq(bulkImportEntities.projectId, projectId))
    .orderBy(desc(bulkImportEntities.id))
    .limit(1);
  return entity !== undefined && (entity.status === STATUS.created || entity.status === STATUS.started);
}

const RELATION_IMPORT: FileImportKind<Checked> = {
  kind: "project",
  rateLimit: "projectImport",
  // GitLab's RelationImportService, in its order: the project, the relation, the viewer's right, nothing running.
  async check(viewer, fields) {
    const projectPath = fields.path?.trim();
    if (!projectPath) return refuse(400, "path is missing", "error");
    const relation = fields.relation?.trim();
    if (!relation) return refuse(400, "relation is missing", "error");
    // A full path (Project.find_by_full_path), never an id; a project the viewer may not see is not found either.
    const project = projectPath.includes("/") ? await findProject(viewer, projectPath) : undefined;
    if (!project) return refuse(404, "Project not found");
    if (!isRelation(relation)) return refuse(400, RELATION_MESSAGE);
    if (!canAdminProject(viewer, project)) return refuse(403, "You are not authorized to perform this action");
    if (await importInProgress(project.id)) return refuse(409, IN_PROGRESS_MESSAGE);
    return { project, relation };
  },
};

const isRunningConflict = (error: unknown) => {
  const cause = (error as { cause?: { code?: string; constraint?: string } }).cause ?? (error as { code?: string; constraint?: string });
  return cause?.code === "23505" && cause.constraint === RUNNING_INDEX;
};

const entityOf = (row: typeof relationImportTrackers.$inferSelect, projectPath: string): RelationImport => ({
  id: row.id,
  project_path: projectPath,
  relation: row.relation,
  status: relationImportStatusName(row.status),
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
});

async function createRelationImport(viewer: Viewer, upload: CheckedUpload, { project, relation }: Checked): Promise<RelationImport | { refusal: FileImportRefusal }> {
  const exported = upload.index.project!;
  let moved: number | null = null;
  try {
    const created = await getDb().transaction(async (tx) => {
      const rows = await insertFileImport(
        tx,
        viewer,
        upload,
        {
          sourceType: "project_entity",
          sourceFullPath: exported.path || project.path,
          sourceXid: exported.id,
          destinationSlug: project.path,
          destinationNamespace: project.namespace.fullPath,
          projectId: project.id,
          migrateProjects: false,
          migrateMemberships: false,
          // The one relation, into the project as it is: its attributes, repository, members and other relations
          // untouched. The archive's members are read only to map the users its records name (no membership added).
          onlyRelations: ["members", relation],
          skipExistingIids: true,
        },
        (id) => (moved = id),
      );
      const [tracker] = await tx.insert(relationImportTrackers).values({ projectId: project.id, userId: viewer.id, relation, bulkImportId: rows.bulkImportId }).returning();
      return { tracker: tracker!, bulkImportId: rows.bulkImportId };
    });
    await enqueueFileImport(created.bulkImportId);
    return entityOf(created.tracker, project.fullPath);
  } catch (error) {
    await discardMovedStore(moved);
    // Another request for the project got in between the check and this commit.
    if (isRunningConflict(error)) return refuse(409, IN_PROGRESS_MESSAGE);
    logger.error({ err: error }, "relation import could not start");
    throw error;
  }
}

/**
 * GitLab's `POST /projects/import-relation` (17.1): the shared checks of a file import (receiveFileImport: the
 * administrator's switch, the project_import rate limit, the upload under the maximum size, the archive's scan), then
 * GitLab's own (project, relation, Maintainer, nothing in progress), then a relation import tracker and the file import
 * it runs as: one entity, the existing project, restricted to the relation, skipping the records whose iid the project
 * has. A refusal at any step leaves no tracker, no import and no file behind.
 */
export function startRelationImport(viewer: Viewer, request: Request): Promise<RelationImport | { refusal: FileImportRefusal }> {
  return receiveFileImport(viewer, request, RELATION_IMPORT, (upload, checked) => createRelationImport(viewer, upload, checked));
}

/** GitLab's `GET /projects/:id/relation-imports`: the project's relation imports, newest first. */
export async function listRelationImports(project: { id: number; fullPath: string }): Promise<RelationImport[]> {
  const rows = await getDb().select().from(relationImportTrackers).where(eq(relationImportTrackers.projectId, project.id)).orderBy(desc(relationImportTrackers.id));
  return rows.map((row) => entityOf(row, project.fullPath));
}
