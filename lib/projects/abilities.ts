import { ACCESS_LEVELS, type Visibility } from "@/lib/db";
import { projectCreationMinLevel } from "@/lib/groups/creation-levels";
import type { RepositoryKind } from "@/lib/repositories";
import type { Viewer } from "@/lib/viewer";

/** What every ability below depends on: how open the project is, the viewer's role on it, and whether it is archived. */
export interface ProjectAccessFacts {
  visibility: Visibility;
  /** Effective role: the highest of the direct membership and those inherited from the group; null when none. */
  accessLevel: number | null;
  archived: boolean;
}

const atLeast = (p: ProjectAccessFacts, level: number) => (p.accessLevel ?? 0) >= level;

/**
 * Whom GitLab lets through without a role (ProjectPolicy's public_access): anyone on a public project, anonymous
 * callers included, and every signed-in user on an internal one.
 */
const openTo = (viewer: Viewer, p: ProjectAccessFacts) => p.visibility === "public" || (p.visibility === "internal" && !viewer.anonymous);

/** read_project: see the project at all. Members of any role see a private one. */
export const canReadProject = (viewer: Viewer, p: ProjectAccessFacts) => viewer.isAdmin || openTo(viewer, p) || atLeast(p, ACCESS_LEVELS.guest);

/**
 * download_code: browse and clone the repository (what `read_repository` lets a token do). A Guest of a private
 * project sees it but not its code; on public and internal projects everyone who sees it may.
 */
export const canReadCode = (viewer: Viewer, p: ProjectAccessFacts) => viewer.isAdmin || openTo(viewer, p) || atLeast(p, ACCESS_LEVELS.reporter);

/**
 * Fetching a repository over git: download_code for the project's own, download_wiki_code for its wiki's, which
 * GitLab grants with read_wiki, so a Guest of a private project clones its wiki but not its code.
 */
export const canReadRepository = (viewer: Viewer, p: ProjectAccessFacts, kind: RepositoryKind) => (kind === "wiki" ? canReadProject(viewer, p) : canReadCode(viewer, p));

/**
 * push_code: Developers and up; nobody pushes to an archived project (GitLab's archived_abilities). create_wiki, which
 * a push to the wiki needs, asks the same.
 */
export const canPushCode = (viewer: Viewer, p: ProjectAccessFacts) => !p.archived && (viewer.isAdmin || atLeast(p, ACCESS_LEVELS.developer));

/** read_statistics: Reporters and up, whatever the visibility. */
export const canReadStatistics = (viewer: Viewer, p: ProjectAccessFacts) => viewer.isAdmin || atLeast(p, ACCESS_LEVELS.reporter);

/** admin_project and rename_project: the settings, name and path. Maintainers and up. */
export const canAdminProject = (viewer: Viewer, p: ProjectAccessFacts) => viewer.isAdmin || atLeast(p, ACCESS_LEVELS.maintainer);

/** change_visibility_level, archive_project, remove_project: Owners only (a group's Owners own its projects). */
export const canOwnProject = (viewer: Viewer, p: ProjectAccessFacts) => viewer.isAdmin || atLeast(p, ACCESS_LEVELS.owner);

/**
 * create_projects on a group: the group's project_creation_level decides which members may (Developers and up
 * unless the group says otherwise); administrators always may.
 */
export function canCreateProjectIn(viewer: Viewer, group: { settings: Record<string, unknown>; accessLevel: number | null }): boolean {
  if (viewer.isAdmin) return true;
  const needed = projectCreationMinLevel(group.settings);
  return needed !== null && (group.accessLevel ?? 0) >= needed;
}
