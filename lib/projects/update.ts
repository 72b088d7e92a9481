import { eq, sql } from "drizzle-orm";
import { getDb, projects, type Tx, type Visibility } from "@/lib/db";
import { lockNamespacePaths } from "@/lib/groups";
import { setDefaultBranch } from "@/lib/repositories";
import type { Viewer } from "@/lib/viewer";
import { canAdminProject, canOwnProject } from "./abilities";
import { ProjectError } from "./errors";
import { findProject, type ProjectWithAccess } from "./queries";
import { checkDefaultBranch, checkDescription, checkName, checkPath, checkTopics, checkVisibility, claimPathAndName, keptSettings, uniqueViolation } from "./rules";
import { visibilityLevel } from "./visibility";

export interface ProjectChanges {
  name?: string;
  path?: string;
  description?: string;
  visibility?: Visibility;
  defaultBranch?: string;
  topics?: string[];
  archived?: boolean;
  /** GitLab settings by REST name (see settings.ts), merged into those the project keeps. */
  settings?: Record<string, unknown>;
}

const forbidden = () => new ProjectError("base", "403 Forbidden", 403);

/**
 * Changes a project's attributes, as GitLab's PUT /projects/:id does: Maintainers and up may change the settings,
 * name and path; the visibility and the archived flag are the Owners'. A path or name is checked against the rest
 * of the group the way creation checks it. Returns the project as the viewer now sees it.
 */
export async function updateProject(viewer: Viewer, project: ProjectWithAccess, changes: ProjectChanges): Promise<ProjectWithAccess> {
  if (!canAdminProject(viewer, project)) throw forbidden();
  const visibilityChanges = changes.visibility !== undefined && changes.visibility !== project.visibility;
  const archivedChanges = changes.archived !== undefined && changes.archived !== project.archived;
  if ((visibilityChanges || archivedChanges) && !canOwnProject(viewer, project)) throw forbidden();

  const set: Partial<typeof projects.$inferInsert> = {};
  const name = changes.name?.trim();
  if (name !== undefined && name !== project.name) {
    checkName(name);
    set.name = name;
  }
  const path = changes.path?.trim();
  if (path !== undefined && path !== project.path) {
    checkPath(path);
    set.path = path;
  }
  if (changes.description !== undefined) {
    checkDescription(changes.description);
    set.description = changes.description;
  }
  if (changes.visibility !== undefined) {
    checkVisibility(changes.visibility, project.namespace);
    set.visibilityLevel = visibilityLevel(changes.visibility);
  }
  if (changes.defaultBranch !== undefined) {
    const branch = changes.defaultBranch.trim();
    checkDefaultBranch(branch);
    set.defaultBranch = branch;
  }
  if (changes.topics !== undefined) set.topics = checkTopics(changes.topics);
  if (changes.archived !== undefined) set.archived = changes.archived;
  const settings = keptSettings(changes.settings);

  await getDb().transaction(async (tx: Tx) => {
    if (set.path !== undefined || set.name !== undefined) {
      await lockNamespacePaths(tx, project.namespaceId);
      await claimPathAndName(tx, project.namespaceId, { path: set.path, name: set.name }, project.id);
    }
    await tx
      .update(projects)
      .set({
        ...set,
        // Merged in SQL, so that settings written meanwhile by someone else are kept.
        ...(Object.keys(settings).length ? { sourceAttributes: sql`${projects.sourceAttributes} || ${JSON.stringify(settings)}::jsonb` } : {}),
        updatedAt: new Date(),
      })
      .where(eq(projects.id, project.id))
      .catch(uniqueViolation);
    // HEAD moves inside the transaction: a branch the repository lacks undoes the whole update.
    const branch = set.defaultBranch;
    if (branch && branch !== project.defaultBranch && (await setDefaultBranch(project.id, "project", branch)) === "missing") {
      throw new ProjectError("base", `Could not set the default branch. Do you have a branch named '${branch}'?`);
    }
  });
  return (await findProject(viewer, project.id)) ?? project;
}

/** POST /projects/:id/archive and /unarchive: an Owner's decision, as GitLab's archive_project ability has it. */
export async function setArchived(viewer: Viewer, project: ProjectWithAccess, archived: boolean): Promise<ProjectWithAccess> {
  if (!canOwnProject(viewer, project)) throw forbidden();
  if (project.archived === archived) return project;
  await getDb().update(projects).set({ archived, updatedAt: new Date() }).where(eq(projects.id, project.id));
  return (await findProject(viewer, project.id)) ?? { ...project, archived };
}
