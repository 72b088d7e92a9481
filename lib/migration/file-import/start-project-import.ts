import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { ACCESS_LEVELS, getDb, projects, type Visibility } from "@/lib/db";
import { capVisibility, findGroup, type GroupWithAccess } from "@/lib/groups";
import { logger } from "@/lib/log";
import { canCreateProjectIn, canOwnProject, createProject, findProject, MAX_DESCRIPTION_LENGTH, ProjectError } from "@/lib/projects";
import type { Viewer } from "@/lib/viewer";
import { INDEX_FILE, STORE_FILE, readRecords, type ArchiveIndex } from "./archive-store";
import { discardMovedStore, enqueueFileImport, insertFileImport, receiveFileImport, refuse, type CheckedUpload, type FileImportKind, type FileImportRefusal, type ImportArchive } from "./start-file-import";

export interface StartedProjectImport {
  bulkImportId: number;
  entityId: number;
  projectId: number;
}

export interface CheckedProjectImport {
  path: string;
  name: string;
  namespace: GroupWithAccess;
  /** The project `overwrite=true` replaces once the import has finished (null: none at that path). */
  replaces: number | null;
  overrides: Record<string, string>;
}

const LEVELS: Record<number, Visibility> = { 0: "private", 10: "internal", 20: "public" };
const TRUE = new Set(["true", "1", "yes", "t"]);
/** The `override_params` Ferry takes over the archive's attributes: the project create parameters it keeps. */
const OVERRIDABLE = new Set(["description", "visibility", "default_branch", "merge_method", "squash_option", "issues_access_level", "merge_requests_access_level", "wiki_access_level", "builds_access_level", "snippets_access_level", "ci_config_path"]);

/** `override_params[key]` fields, as Rack nests them: empty values dropped, as GitLab's restorer drops them. */
function overridesOf(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    const key = /^override_params\[([a-z_]{1,64})\]$/.exec(name)?.[1];
    if (key && OVERRIDABLE.has(key) && value.trim() !== "") out[key] = value;
  }
  return out;
}

async function projectAt(namespaceId: number, projectPath: string): Promise<number | null> {
  const [row] = await getDb()
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.namespaceId, namespaceId), sql`lower(${projects.path}) = lower(${projectPath})`));
  return row?.id ?? null;
}

const PROJECT_IMPORT: FileImportKind<CheckedProjectImport> = {
  kind: "project",
  rateLimit: "projectImport",
  async check(viewer, fields) {
    const projectPath = fields.path?.trim();
    if (!projectPath) return refuse(400, "path is missing", "error");
    // Ferry has no personal namespaces: the project goes in a group, which the request must name.
    const namespaceKey = fields.namespace?.trim();
    if (!namespaceKey) return refuse(400, "namespace is missing", "error");
    const namespace = await findGroup(viewer, namespaceKey);
    if (!namespace) return refuse(404, "404 Namespace Not Found");
    // GitLab's import_projects (16.0, 15.11.1): Maintainer of the group, whatever its project creation level lets Developers do.
    if (!canCreateProjectIn(viewer, namespace) || (!viewer.isAdmin && (namespace.accessLevel ?? 0) < ACCESS_LEVELS.maintainer)) return refuse(403, "403 Forbidden");
    const existing = await projectAt(namespace.id, projectPath);
    const overwrite = TRUE.has((fields.overwrite ?? "").trim().toLowerCase());
    if (existing !== null && !overwrite) return refuse(400, "Path has already been taken");
    if (existing !== null) {
      // What `overwrite` replaces is deleted in the end: GitLab's admin_namespace, an Owner's right here.
      const project = await findProject(viewer, existing);
      if (!project || !canOwnProject(viewer, project)) return refuse(403, "403 Forbidden");
    }
    return { path: projectPath, name: fields.name?.trim() || projectPath, namespace, replaces: existing, overrides: overridesOf(fields) };
  },
};

/**
 * The archive's `tree/project.json` with `override_params` over it, written back to the store as the project's
 * `self` relation: the attributes pipeline then reads the overrides, which "take precedence over all values defined
 * inside the export file", and no other step needs to know of them.
 */
export async function applyOverrides(upload: Pick<CheckedUpload, "index" | "store">, overrides: Record<string, string>): Promise<Record<string, unknown>> {
  const project = upload.index.project!;
  const [archived] = await readRecords(upload.store, project.relations.self);
  const attributes = { ...archived, ...overrides };
  if (Object.keys(overrides).length === 0) return attributes;
  const line = Buffer.from(`${JSON.stringify(attributes)}\n`);
  const storeFile = path.join(upload.store, STORE_FILE);
  const { size } = await fs.promises.stat(storeFile);
  await fs.promises.appendFile(storeFile, line);
  const index: ArchiveIndex = { ...upload.index, project: { ...project, relations: { ...project.relations, self: { offset: size, length: line.length, count: 1 } } } };
  await fs.promises.writeFile(path.join(upload.store, INDEX_FILE), JSON.stringify(index), { mode: 0o600 });
  return attributes;
}

export function visibilityOf(attributes: Record<string, unknown>): Visibility {
  if (typeof attributes.visibility === "string" && ["private", "internal", "public"].includes(attributes.visibility)) return attributes.visibility as Visibility;
  return typeof attributes.visibility_level === "number" ? (LEVELS[attributes.visibility_level] ?? "private") : "private";
}

/**
 * The project (at a temporary path under `overwrite`) and its file import, in one transaction. An upload's archive
 * was checked: its attributes, with the overrides over them, give the project's description and visibility. A remote
 * archive is not read yet: the overrides alone do, and the worker that fetches it sets the archive's visibility.
 */
export async function createProjectImport(viewer: Viewer, checked: CheckedProjectImport, archive: { upload: CheckedUpload } | { remote: ImportArchive }): Promise<StartedProjectImport | { refusal: FileImportRefusal }> {
  const upload = "upload" in archive ? archive.upload : archive.remote;
  const attributes: Record<string, unknown> = "upload" in archive ? await applyOverrides(archive.upload, checked.overrides) : { ...checked.overrides };
  const exported = "upload" in archive ? archive.upload.index.project! : { id: 0, path: "" };
  // `overwrite`: the import goes to a temporary path and name; the finished import takes the old project's place.
  const suffix = checked.replaces === null ? "" : `-${randomBytes(4).toString("hex")}`;
  let moved: number | null = null;
  let rows: { bulkImportId: number; entityId: number } | undefined;
  try {
    const project = await createProject(
      viewer,
      {
        name: `${checked.name}${suffix}`,
        path: `${checked.path}${suffix}`,
        namespaceId: checked.namespace.id,
        description: typeof attributes.description === "string" ? attributes.description.slice(0, MAX_DESCRIPTION_LENGTH) : "",
        visibility: capVisibility(visibilityOf(attributes), checked.namespace.visibility),
      },
      {
        async inTransaction(tx, projectId) {
          rows = await insertFileImport(
            tx,
            viewer,
            upload,
            {
              sourceType: "project_entity",
              sourceFullPath: exported.path || checked.path,
              sourceXid: exported.id,
              // The path the project ends at: a temporary one is swapped for it when the import finishes.
              destinationSlug: checked.path,
              destinationNamespace: checked.namespace.fullPath,
              projectId,
              migrateProjects: false,
              migrateMemberships: true,
            },
            (id) => (moved = id),
          );
        },
      },
    );
    await enqueueFileImport(rows!.bulkImportId);
    return { ...rows!, projectId: project.id };
  } catch (error) {
    await discardMovedStore(moved);
    if (error instanceof ProjectError) {
      if (error.field === "namespace") return refuse(403, "403 Forbidden");
      return refuse(error.status, error.message);
    }
    logger.error({ err: error }, "project file import could not start");
    throw error;
  }
}

/**
 * GitLab's `POST /projects/import` (and the New project page's "GitLab export"): the shared checks of a file import
 * (receiveFileImport) and the project's (path, namespace, a taken path unless `overwrite`), then the project, made
 * with the request's name and path and the archive's description and visibility, and a bulk import of kind `file`
 * whose one entity is that project, which the workers fill relation by relation through the same pipelines as a
 * direct transfer. A refusal at any step leaves no project, no import and no file behind.
 */
export function startProjectImport(viewer: Viewer, request: Request): Promise<StartedProjectImport | { refusal: FileImportRefusal }> {
  return receiveFileImport(viewer, request, PROJECT_IMPORT, (upload, checked) => createProjectImport(viewer, checked, { upload }));
}

/** GitLab's parameter checks of a project import (path, namespace and the right to import there, a taken path). */
export const checkProjectImport = (viewer: Viewer, fields: Record<string, string>) => PROJECT_IMPORT.check(viewer, fields);
