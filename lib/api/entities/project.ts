import { groupAvatarUrl } from "@/lib/groups";
import {
  canAdminProject,
  canFetchRepository,
  canReadStatistics,
  canUseFeature,
  FEATURES,
  isAdminOnlySetting,
  LEGACY_FEATURE_FLAGS,
  projectSettings,
  sortedTopics,
  type ProjectFeature,
  type ProjectWithAccess,
} from "@/lib/projects";
import type { Viewer } from "@/lib/viewer";

/**
 * GitLab's project entities (lib/api/entities): BasicProjectDetails for `simple=true` and anonymous callers, Project
 * for the lists of a group and for what a write returns, ProjectWithAccess (Project with `permissions`) for a
 * signed-in caller's GET /projects and /projects/:id. Fields GitLab shows only to some (the default branch to those who
 * may read the code, CI settings to Maintainers) follow the same rules.
 *
 * Not given, because they come from the repository's content and Ferry does not read git for an API answer:
 * `readme_url`, `empty_repo`, and in `statistics` the commit count and the repository, wiki and storage sizes (see
 * lib/projects/statistics.ts). No `ssh_url_to_repo` value either: Ferry serves git over HTTP only, so it is null.
 */

interface Options {
  viewer: Viewer;
  baseUrl: string;
}

/** HTML of a plain-text description, escaped: Ferry does not render Markdown for the API. */
function descriptionHtml(description: string): string {
  if (!description) return "";
  const escaped = description.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
  return `<p dir="auto">${escaped}</p>`;
}

const webUrl = (project: ProjectWithAccess, baseUrl: string) => `${baseUrl}/${project.fullPath}`;

/** GitLab's ProjectIdentity + BasicProjectDetails. */
export function projectBasicEntity(project: ProjectWithAccess, { viewer, baseUrl }: Options) {
  const topics = sortedTopics(project.topics);
  // GitLab's read_code: the code readable by role and visibility, and the repository feature open to the viewer.
  const code = canFetchRepository(viewer, project, "project");
  const namespace = project.namespace;
  return {
    id: project.id,
    description: project.description || null,
    name: project.name,
    name_with_namespace: project.nameWithNamespace,
    path: project.path,
    path_with_namespace: project.fullPath,
    created_at: project.createdAt.toISOString(),
    ...(code ? { default_branch: project.defaultBranch ?? "main" } : {}),
    tag_list: topics,
    topics,
    ssh_url_to_repo: null,
    http_url_to_repo: `${webUrl(project, baseUrl)}.git`,
    web_url: webUrl(project, baseUrl),
    ...(code ? { forks_count: 0 } : {}),
    avatar_url: null,
    star_count: 0,
    last_activity_at: project.lastActivityAt.toISOString(),
    namespace: {
      id: namespace.id,
      name: namespace.name,
      path: namespace.path,
      kind: "group",
      full_path: namespace.fullPath,
      parent_id: namespace.parentId,
      avatar_url: groupAvatarUrl(namespace, baseUrl),
      web_url: `${baseUrl}/groups/${namespace.fullPath}`,
    },
    ...(viewer.isAdmin ? { repository_storage: "default" } : {}),
  };
}

/** GitLab's Project entity. `statistics`: the project's, when the caller asked for them (`statistics=true`). */
export function projectEntity(project: ProjectWithAccess, options: Options & { statistics?: Record<string, number> }) {
  const { viewer, baseUrl } = options;
  const settings = projectSettings(project.sourceAttributes);
  const admin = canAdminProject(viewer, project);
  const code = canFetchRepository(viewer, project, "project");
  const available = (feature: ProjectFeature) => canUseFeature(viewer, project, feature);
  const api = `${baseUrl}/api/v4/projects/${project.id}`;
  const shown = (keys: string[]) => Object.fromEntries(keys.filter((key) => admin || !isAdminOnlySetting(key)).map((key) => [key, settings[key]]));
  return {
    ...projectBasicEntity(project, options),
    _links: {
      self: api,
      ...(available("issues") ? { issues: `${api}/issues` } : {}),
      ...(available("merge_requests") ? { merge_requests: `${api}/merge_requests` } : {}),
      repo_branches: `${api}/repository/branches`,
      labels: `${api}/labels`,
      events: `${api}/events`,
      members: `${api}/members`,
      cluster_agents: `${api}/cluster_agents`,
    },
    packages_enabled: settings.packages_enabled,
    archived: project.archived,
    visibility: project.visibility,
    resolve_outdated_diff_discussions: settings.resolve_outdated_diff_discussions,
    repository_object_format: "sha1",
    ...Object.fromEntries(Object.entries(LEGACY_FEATURE_FLAGS).map(([flag, feature]) => [flag, available(feature)])),
    service_desk_enabled: settings.service_desk_enabled,
    can_create_merge_request_in: code && project.accessLevel !== null && available("merge_requests"),
    ...Object.fromEntries(FEATURES.map((feature) => [`${feature}_access_level`, settings[`${feature}_access_level`]])),
    emails_disabled: !settings.emails_enabled,
    emails_enabled: settings.emails_enabled,
    shared_runners_enabled: settings.shared_runners_enabled,
    lfs_enabled: settings.lfs_enabled,
    creator_id: project.creatorId,
    ...(admin ? { import_url: null, import_type: null } : {}),
    import_status: "none",
    ...(admin ? { import_error: null } : {}),
    ...(available("issues") ? { open_issues_count: 0 } : {}),
    description_html: descriptionHtml(project.description),
    updated_at: project.updatedAt.toISOString(),
    ...shown([
      "ci_default_git_depth", "ci_forward_deployment_enabled", "ci_forward_deployment_rollback_allowed", "ci_job_token_scope_enabled",
      "ci_separated_caches", "ci_allow_fork_pipelines_to_run_in_parent_project", "build_git_strategy", "keep_latest_artifact",
      "restrict_user_defined_variables", "group_runners_enabled", "auto_cancel_pending_pipelines", "build_timeout",
      "auto_devops_enabled", "auto_devops_deploy_strategy", "ci_id_token_sub_claim_components", "ci_restrict_pipeline_cancellation_role",
      "ci_pipeline_variables_minimum_override_role", "ci_push_repository_for_job_token_allowed", "runner_token_expiration_interval",
    ]),
    ...(code ? { ci_config_path: settings.ci_config_path } : {}),
    public_jobs: settings.public_jobs,
    shared_with_groups: [],
    ...shown([
      "only_allow_merge_if_pipeline_succeeds", "allow_merge_on_skipped_pipeline", "request_access_enabled",
      "only_allow_merge_if_all_discussions_are_resolved", "remove_source_branch_after_merge", "printing_merge_request_link_enabled",
      "merge_method", "squash_option", "enforce_auth_checks_on_uploads", "suggestion_commit_message", "merge_commit_template",
      "squash_commit_template", "issue_branch_template",
    ]),
    ...(options.statistics && canReadStatistics(viewer, project) ? { statistics: options.statistics } : {}),
    warn_about_potentially_unwanted_characters: settings.warn_about_potentially_unwanted_characters,
    autoclose_referenced_issues: settings.autoclose_referenced_issues,
    max_artifacts_size: settings.max_artifacts_size,
  };
}

/** The role of a membership as GitLab's ProjectAccess / GroupAccess show it (notification level: global). */
const membershipAccess = (level: number | null) => (level === null ? null : { access_level: level, notification_level: 3 });

/** GitLab's ProjectWithAccess: the Project entity and the caller's own memberships of the project and its group. */
export function projectWithAccessEntity(project: ProjectWithAccess, options: Options & { statistics?: Record<string, number> }) {
  return {
    ...projectEntity(project, options),
    permissions: {
      project_access: membershipAccess(project.projectAccessLevel),
      group_access: membershipAccess(project.groupAccessLevel),
    },
  };
}
