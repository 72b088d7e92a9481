import type { RequestContext } from "./context";
import type { SourceGroup, SourceProject, SourceUser } from "./fixture-store";
import type { RepositoryFacts } from "./repository-archive";
import { ACCESS, type TokenSpec } from "./types";

// GitLab's REST entities (API::Entities::Group, GroupDetail, UserBasic, User, UserPublic, Member, Badge,
// PersonalAccessToken), in the key order of the documented examples (fixtures' api_examples/groups.from_doc.json).

const VISIBILITY: Record<number, string> = { 0: "private", 10: "internal", 20: "public" };
// Gitlab::Access project_creation_string_options / subgroup_creation_string_options.
const PROJECT_CREATION: Record<number, string> = { 0: "noone", 1: "maintainer", 2: "developer", 3: "administrator" };
const SUBGROUP_CREATION: Record<number, string> = { 0: "owner", 1: "maintainer" };

const bool = (value: unknown, fallback: boolean) => (typeof value === "boolean" ? value : fallback);
const num = (value: unknown, fallback: number) => (typeof value === "number" ? value : fallback);

export function visibilityName(level: number): string {
  return VISIBILITY[level] ?? "private";
}

export function groupJson(ctx: RequestContext, group: SourceGroup, options: { detail?: boolean; withProjects?: boolean; projects?: unknown[] } = {}) {
  const a = group.attributes;
  const fullPath = ctx.store.fullPath(group);
  const avatar = a.avatar as { url?: string | null } | undefined;
  const emailsEnabled = typeof a.emails_enabled === "boolean" ? a.emails_enabled : !bool(a.emails_disabled, false);
  const entity: Record<string, unknown> = {
    id: group.id,
    name: group.name,
    path: group.path,
    description: group.description,
    visibility: visibilityName(group.visibilityLevel),
    share_with_group_lock: bool(a.share_with_group_lock, false),
    require_two_factor_authentication: bool(a.require_two_factor_authentication, false),
    two_factor_grace_period: num(a.two_factor_grace_period, 48),
    project_creation_level: PROJECT_CREATION[num(a.project_creation_level, 2)] ?? "developer",
    auto_devops_enabled: a.auto_devops_enabled ?? null,
    subgroup_creation_level: SUBGROUP_CREATION[num(a.subgroup_creation_level, 1)] ?? "maintainer",
    emails_disabled: !emailsEnabled,
    emails_enabled: emailsEnabled,
    mentions_disabled: a.mentions_disabled ?? null,
    lfs_enabled: bool(a.lfs_enabled, true),
    default_branch: null,
    default_branch_protection: 2,
    default_branch_protection_defaults: {
      allowed_to_push: [{ access_level: 40 }],
      allow_force_push: false,
      allowed_to_merge: [{ access_level: 40 }],
    },
    // The export keeps the upload's path; the API answers with a full URL (avatar_url(only_path: false)).
    avatar_url: avatar?.url ? new URL(avatar.url, ctx.baseUrl).href : null,
    web_url: `${ctx.baseUrl}/groups/${fullPath}`,
    request_access_enabled: bool(a.request_access_enabled, true),
    full_name: ctx.store.fullName(group),
    full_path: fullPath,
    file_template_project_id: a.file_template_project_id ?? null,
    parent_id: group.parentId,
    created_at: group.createdAt,
    ip_restriction_ranges: null,
  };
  if (!options.detail) return entity;
  // GroupDetail shows these two to owners (and admins) only.
  if (ctx.user.isAdmin || ctx.store.accessLevel(group, ctx.user.id) >= ACCESS.owner) {
    entity.runners_token = typeof a.runners_token === "string" ? a.runners_token : `GR1348941${group.id}`;
    entity.enabled_git_access_protocol = "all";
  }
  entity.shared_with_groups = [];
  // GitLab shows this setting on top-level groups only.
  if (group.parentId === null) entity.prevent_sharing_groups_outside_hierarchy = false;
  if (options.withProjects !== false) {
    entity.projects = options.projects ?? [];
    entity.shared_projects = [];
  }
  entity.math_rendering_limits_enabled = true;
  entity.lock_math_rendering_limits_enabled = false;
  return entity;
}

export function userBasicJson(ctx: RequestContext, user: SourceUser) {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    state: "active",
    locked: false,
    avatar_url: null,
    web_url: `${ctx.baseUrl}/${user.username}`,
  };
}

export function userJson(ctx: RequestContext, user: SourceUser) {
  return {
    ...userBasicJson(ctx, user),
    created_at: user.createdAt,
    bio: "",
    location: "",
    public_email: user.publicEmail,
    skype: "",
    linkedin: "",
    twitter: "",
    discord: "",
    website_url: "",
    organization: "",
    job_title: "",
    pronouns: null,
    bot: false,
    work_information: null,
    followers: 0,
    following: 0,
    local_time: null,
  };
}

export function currentUserJson(ctx: RequestContext, user: SourceUser) {
  return {
    ...userJson(ctx, user),
    last_sign_in_at: user.createdAt,
    confirmed_at: user.createdAt,
    last_activity_on: user.createdAt.slice(0, 10),
    email: user.publicEmail ?? `${user.username}@source.example`,
    theme_id: 1,
    color_scheme_id: 1,
    projects_limit: 100000,
    current_sign_in_at: user.createdAt,
    identities: [],
    can_create_group: true,
    can_create_project: true,
    two_factor_enabled: false,
    external: false,
    private_profile: false,
    commit_email: user.publicEmail ?? `${user.username}@source.example`,
    is_admin: user.isAdmin,
  };
}

/** A members.ndjson record as `GET /groups/:id/members` shows it. */
export function memberJson(ctx: RequestContext, record: Record<string, unknown>) {
  const nested = (record.user ?? {}) as { id?: number; username?: string };
  const userId = num(record.user_id, num(nested.id, 0));
  const user = ctx.store.users.get(userId);
  const basic = user
    ? userBasicJson(ctx, user)
    : userBasicJson(ctx, { id: userId, username: nested.username ?? `user${userId}`, name: nested.username ?? `user${userId}`, publicEmail: null, isAdmin: false, createdAt: "" });
  return {
    ...basic,
    access_level: record.access_level,
    created_at: record.created_at ?? null,
    expires_at: record.expires_at ?? null,
    membership_state: "active",
  };
}

/** A badges.ndjson record as `GET /groups/:id/badges` shows it (a group badge renders no placeholders). */
export function badgeJson(record: Record<string, unknown>) {
  return {
    name: record.name ?? null,
    link_url: record.link_url,
    image_url: record.image_url,
    rendered_link_url: record.link_url,
    rendered_image_url: record.image_url,
    id: record.id,
    kind: "group",
  };
}

export function tokenJson(token: TokenSpec, id: number) {
  return {
    id,
    name: token.name ?? "ferry-test",
    revoked: false,
    created_at: "2024-01-01T00:00:00.000Z",
    description: null,
    scopes: token.scopes,
    user_id: token.userId,
    last_used_at: new Date().toISOString(),
    active: true,
    expires_at: token.expiresAt ?? null,
  };
}

// Project entities (lib/api/entities/basic_project_details.rb, project.rb; reference §5.1), in the key order of
// GitLab's documented GET /projects/:id example.

/** `<feature>_access_level` keys, in the entity's order. */
const PROJECT_FEATURES = [
  "issues", "repository", "merge_requests", "forking", "wiki", "builds", "snippets", "pages", "analytics",
  "container_registry", "security_and_compliance", "releases", "environments", "feature_flags", "infrastructure",
  "monitor", "model_experiments", "model_registry",
] as const;
// ProjectFeature's integers as an export carries them; the API speaks in names.
const FEATURE_LEVELS: Record<number, string> = { 0: "disabled", 10: "private", 20: "enabled", 30: "public" };
// The older boolean switches, true unless the feature is disabled.
const LEGACY_FEATURE_FLAGS: Record<string, (typeof PROJECT_FEATURES)[number]> = {
  issues_enabled: "issues",
  merge_requests_enabled: "merge_requests",
  wiki_enabled: "wiki",
  jobs_enabled: "builds",
  snippets_enabled: "snippets",
  container_registry_enabled: "container_registry",
};

function featureLevel(project: SourceProject, feature: (typeof PROJECT_FEATURES)[number]): string {
  const value = project.attributes[`${feature}_access_level`];
  if (typeof value === "string" && Object.values(FEATURE_LEVELS).includes(value)) return value;
  if (typeof value === "number" && FEATURE_LEVELS[value]) return FEATURE_LEVELS[value];
  // GitLab's defaults for a new project: Pages are private unless the project is public.
  if (feature === "pages") return project.visibilityLevel >= 20 ? "enabled" : "private";
  return "enabled";
}

const str = (value: unknown, fallback: string | null) => (typeof value === "string" ? value : fallback);

/** GitLab's read_code: Reporters and up, or anyone who can see a project that is not private. */
function canReadCode(ctx: RequestContext, project: SourceProject): boolean {
  return ctx.user.isAdmin || project.visibilityLevel >= 10 || ctx.store.projectAccessLevel(project, ctx.user.id) >= ACCESS.reporter;
}

/** ProjectIdentity + BasicProjectDetails: what `simple=true` lists show. */
export function projectBasicJson(ctx: RequestContext, project: SourceProject, facts: RepositoryFacts) {
  const group = ctx.store.projectGroup(project);
  const fullPath = ctx.store.projectFullPath(project);
  const groupPath = ctx.store.fullPath(group);
  const topics = [...project.topics].sort();
  const code = canReadCode(ctx, project);
  const webUrl = `${ctx.baseUrl}/${fullPath}`;
  const groupAvatar = (group.attributes.avatar as { url?: string | null } | undefined)?.url;
  return {
    id: project.id,
    description: project.description || null,
    name: project.name,
    name_with_namespace: ctx.store.projectFullName(project),
    path: project.path,
    path_with_namespace: fullPath,
    created_at: project.createdAt,
    // default_branch_or_main: the repository's root ref, or the instance default for an empty one.
    ...(code ? { default_branch: project.defaultBranch !== undefined ? project.defaultBranch : (facts.rootRef ?? "main") } : {}),
    tag_list: topics,
    topics,
    ssh_url_to_repo: `git@${new URL(ctx.baseUrl).hostname}:${fullPath}.git`,
    http_url_to_repo: `${webUrl}.git`,
    web_url: webUrl,
    readme_url: null,
    ...(code ? { forks_count: 0 } : {}),
    avatar_url: null,
    star_count: 0,
    last_activity_at: project.createdAt,
    namespace: {
      id: group.id,
      name: group.name,
      path: group.path,
      kind: "group",
      full_path: groupPath,
      parent_id: group.parentId,
      avatar_url: groupAvatar ? new URL(groupAvatar, ctx.baseUrl).href : null,
      web_url: `${ctx.baseUrl}/groups/${groupPath}`,
    },
    ...(ctx.user.isAdmin ? { repository_storage: "default" } : {}),
  };
}

/** The Project entity: GET /groups/:id/projects items, and GET /projects/:id with `permissions` added. */
export function projectJson(ctx: RequestContext, project: SourceProject, facts: RepositoryFacts) {
  const a = project.attributes;
  const api = `${ctx.baseUrl}/api/v4/projects/${project.id}`;
  const level = ctx.store.projectAccessLevel(project, ctx.user.id);
  const maintainer = ctx.user.isAdmin || level >= ACCESS.maintainer;
  const features = Object.fromEntries(PROJECT_FEATURES.map((feature) => [feature, featureLevel(project, feature)]));
  const available = (feature: string) => features[feature] !== "disabled";
  const emailsEnabled = typeof a.emails_enabled === "boolean" ? a.emails_enabled : !bool(a.emails_disabled, false);
  const fullPath = ctx.store.projectFullPath(project);
  return {
    ...projectBasicJson(ctx, project, facts),
    container_registry_image_prefix: `${new URL(ctx.baseUrl).host}/${fullPath}`,
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
    packages_enabled: bool(a.packages_enabled, true),
    empty_repo: facts.empty,
    archived: project.archived,
    visibility: visibilityName(project.visibilityLevel),
    resolve_outdated_diff_discussions: bool(a.resolve_outdated_diff_discussions, false),
    container_expiration_policy: {
      cadence: "1d",
      enabled: false,
      keep_n: 10,
      older_than: "90d",
      name_regex: ".*",
      name_regex_keep: null,
      next_run_at: project.createdAt,
    },
    repository_object_format: "sha1",
    ...Object.fromEntries(Object.entries(LEGACY_FEATURE_FLAGS).map(([flag, feature]) => [flag, available(feature)])),
    service_desk_enabled: bool(a.service_desk_enabled, false),
    can_create_merge_request_in: level >= ACCESS.developer && available("merge_requests"),
    ...Object.fromEntries(PROJECT_FEATURES.map((feature) => [`${feature}_access_level`, features[feature]])),
    emails_disabled: !emailsEnabled,
    emails_enabled: emailsEnabled,
    shared_runners_enabled: bool(a.shared_runners_enabled, true),
    lfs_enabled: bool(a.lfs_enabled, true),
    creator_id: num(a.creator_id, 1),
    ...(ctx.user.isAdmin ? { import_url: null, import_type: str(a.import_type, null) } : {}),
    import_status: "none",
    ...(ctx.user.isAdmin ? { import_error: null } : {}),
    ...(available("issues") ? { open_issues_count: 0 } : {}),
    description_html: project.description ? `<p data-sourcepos="1:1-1:${project.description.length}" dir="auto">${escapeHtml(project.description)}</p>` : "",
    updated_at: project.createdAt,
    // CI settings: Maintainers and up (GitLab's admin_project block).
    ...(maintainer
      ? {
          ci_default_git_depth: num(a.ci_default_git_depth, 20),
          ci_forward_deployment_enabled: bool(a.ci_forward_deployment_enabled, true),
          ci_forward_deployment_rollback_allowed: bool(a.ci_forward_deployment_rollback_allowed, true),
          ci_job_token_scope_enabled: bool(a.ci_job_token_scope_enabled, false),
          ci_separated_caches: bool(a.ci_separated_caches, true),
          ci_allow_fork_pipelines_to_run_in_parent_project: true,
          build_git_strategy: str(a.build_git_strategy, "fetch"),
          keep_latest_artifact: bool(a.keep_latest_artifact, true),
          restrict_user_defined_variables: bool(a.restrict_user_defined_variables, false),
          runners_token: str(a.runners_token, `GR1348941p${project.id}`),
          runner_token_expiration_interval: null,
          group_runners_enabled: bool(a.group_runners_enabled, true),
          auto_cancel_pending_pipelines: str(a.auto_cancel_pending_pipelines, "enabled"),
          build_timeout: num(a.build_timeout, 3600),
          auto_devops_enabled: bool(a.auto_devops_enabled, false),
          auto_devops_deploy_strategy: str(a.auto_devops_deploy_strategy, "continuous"),
        }
      : {}),
    ...(canReadCode(ctx, project) ? { ci_config_path: str(a.ci_config_path, "") } : {}),
    public_jobs: bool(a.public_builds, true),
    shared_with_groups: [],
    only_allow_merge_if_pipeline_succeeds: bool(a.only_allow_merge_if_pipeline_succeeds, false),
    allow_merge_on_skipped_pipeline: bool(a.allow_merge_on_skipped_pipeline, false),
    request_access_enabled: bool(a.request_access_enabled, true),
    only_allow_merge_if_all_discussions_are_resolved: bool(a.only_allow_merge_if_all_discussions_are_resolved, false),
    remove_source_branch_after_merge: bool(a.remove_source_branch_after_merge, true),
    printing_merge_request_link_enabled: bool(a.printing_merge_request_link_enabled, true),
    merge_method: str(a.merge_method, a.merge_requests_ff_only_enabled === true ? "ff" : a.merge_requests_rebase_enabled === true ? "rebase_merge" : "merge"),
    squash_option: str(a.squash_option, "default_off"),
    enforce_auth_checks_on_uploads: bool(a.enforce_auth_checks_on_uploads, true),
    suggestion_commit_message: str(a.suggestion_commit_message, null),
    merge_commit_template: str(a.merge_commit_template, null),
    squash_commit_template: str(a.squash_commit_template, null),
    issue_branch_template: str(a.issue_branch_template, null),
    warn_about_potentially_unwanted_characters: bool(a.warn_about_potentially_unwanted_characters, true),
    autoclose_referenced_issues: bool(a.autoclose_referenced_issues, true),
    max_artifacts_size: a.max_artifacts_size ?? null,
  };
}

/** GitLab's ProjectWithAccess: the caller's memberships (a group's members reach its projects through group_access). */
export function projectWithAccessJson(ctx: RequestContext, project: SourceProject, facts: RepositoryFacts) {
  const groupLevel = ctx.store.accessLevel(ctx.store.projectGroup(project), ctx.user.id);
  return {
    ...projectJson(ctx, project, facts),
    permissions: {
      project_access: null,
      group_access: groupLevel > ACCESS.none ? { access_level: groupLevel, notification_level: 3 } : null,
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}
