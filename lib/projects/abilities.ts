import { ACCESS_LEVELS, type Visibility } from "@/lib/db";
import { projectCreationMinLevel } from "@/lib/groups/creation-levels";
import type { RepositoryKind } from "@/lib/repositories";
import type { Viewer } from "@/lib/viewer";
import { featureAccessLevel, type ProjectFeature } from "./settings";

/**
 * What every ability below depends on: how open the project is, the viewer's role on it, whether it is archived, and
 * its kept settings (where its features' access levels are).
 */
export interface ProjectAccessFacts {
  visibility: Visibility;
  /** Effective role: the highest of the direct membership and those inherited from the group; null when none. */
  accessLevel: number | null;
  archived: boolean;
  sourceAttributes: Record<string, unknown>;
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
 * download_code by visibility and role: browse and clone the repository (what `read_repository` lets a token do). A
 * Guest of a private project sees it but not its code; on public and internal projects everyone who sees it may.
 * canFetchRepository adds the repository's own access level: pages, the API and git ask that.
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

// ProjectFeature's PRIVATE_FEATURES_MIN_ACCESS_LEVEL: the role a members-only ("private") feature asks of a member;
// Guest for every other feature.
const PRIVATE_FEATURE_ROLE: Partial<Record<ProjectFeature, number>> = {
  merge_requests: ACCESS_LEVELS.reporter,
  container_registry: ACCESS_LEVELS.reporter,
  package_registry: ACCESS_LEVELS.reporter,
  environments: ACCESS_LEVELS.reporter,
};

/**
 * The role a members-only feature asks. The repository asks Reporter of a private project's members
 * (PRIVATE_FEATURES_MIN_ACCESS_LEVEL_FOR_PRIVATE_PROJECT) and Guest of a public or internal one's, as GitLab's
 * ProjectPolicy does: there a Guest reads the code by the project's visibility, and "private" keeps out non-members only.
 */
function privateFeatureRole(p: ProjectAccessFacts, feature: ProjectFeature): number {
  if (feature === "repository" && p.visibility === "private") return ACCESS_LEVELS.reporter;
  return PRIVATE_FEATURE_ROLE[feature] ?? ACCESS_LEVELS.guest;
}

/**
 * Whether the project's `<feature>_access_level` lets this viewer use the feature, as ProjectPolicy's
 * access_allowed_to? decides: "disabled" nobody, administrators included (GitLab then prevents every ability of the
 * feature, whoever asks); "private" members of the feature's role, and administrators; "enabled" and "public"
 * everyone. The feature's own abilities still apply on top: this only closes doors.
 */
function featureOpenTo(viewer: Viewer, p: ProjectAccessFacts, feature: ProjectFeature): boolean {
  switch (featureAccessLevel(p.sourceAttributes, feature)) {
    case "disabled":
      return false;
    case "private":
      return viewer.isAdmin || atLeast(p, privateFeatureRole(p, feature));
    default:
      return true;
  }
}

/**
 * Using one of the project's features: open to the viewer by its access level, and the project (for the repository,
 * its code: download_code) readable by them.
 */
export const canUseFeature = (viewer: Viewer, p: ProjectAccessFacts, feature: ProjectFeature) =>
  featureOpenTo(viewer, p, feature) && (feature === "repository" ? canReadCode(viewer, p) : canReadProject(viewer, p));

const featureOf = (kind: RepositoryKind): ProjectFeature => (kind === "wiki" ? "wiki" : "repository");

/**
 * Reading a repository, over git or in pages and the API: canReadRepository, unless its feature (repository_access_level,
 * or wiki_access_level for the wiki) keeps the viewer out.
 */
export const canFetchRepository = (viewer: Viewer, p: ProjectAccessFacts, kind: RepositoryKind) => canUseFeature(viewer, p, featureOf(kind)) && canReadRepository(viewer, p, kind);

/** Pushing to a repository: canPushCode, unless its feature keeps the viewer out (GitLab's push_code, create_wiki). */
export const canPushRepository = (viewer: Viewer, p: ProjectAccessFacts, kind: RepositoryKind) => canUseFeature(viewer, p, featureOf(kind)) && canPushCode(viewer, p);

/**
 * read_pipeline_schedule: Reporters and up (administrators too), where the project's CI/CD (builds_access_level)
 * lets them in.
 */
export const canReadPipelineSchedules = (viewer: Viewer, p: ProjectAccessFacts) => canUseFeature(viewer, p, "builds") && (viewer.isAdmin || atLeast(p, ACCESS_LEVELS.reporter));

/** read_milestone: the project's milestones serve its issues and merge requests, so either open to the viewer will do. */
export const canReadMilestones = (viewer: Viewer, p: ProjectAccessFacts) => canUseFeature(viewer, p, "issues") || canUseFeature(viewer, p, "merge_requests");

/**
 * read_merge_request: the merge requests feature open to the viewer; on a private project only Reporters and up (and
 * administrators) read them, as GitLab's permissions table says of "View merge requests" (Guests on public and
 * internal projects only).
 */
export const canReadMergeRequests = (viewer: Viewer, p: ProjectAccessFacts) =>
  canUseFeature(viewer, p, "merge_requests") && (p.visibility !== "private" || viewer.isAdmin || atLeast(p, ACCESS_LEVELS.reporter));

/** read_issue_board: boards show issues, so the issues feature must let the viewer in. */
export const canReadIssueBoards = (viewer: Viewer, p: ProjectAccessFacts) => canUseFeature(viewer, p, "issues");
/**
 * read_pipeline and read_build (read_commit_status too): Reporters and up; anyone who sees the project when its
 * pipelines are public (`public_jobs`, the export's `public_builds`), Guests included; and only where the project's
 * CI/CD (builds_access_level) lets them in.
 */
export function canReadPipelines(viewer: Viewer, p: ProjectAccessFacts): boolean {
  if (!canUseFeature(viewer, p, "builds")) return false;
  if (viewer.isAdmin || atLeast(p, ACCESS_LEVELS.reporter)) return true;
  const publicJobs = p.sourceAttributes.public_jobs ?? p.sourceAttributes.public_builds ?? true;
  return publicJobs !== false && canReadProject(viewer, p);
}

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
