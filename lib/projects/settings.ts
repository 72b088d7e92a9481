/**
 * GitLab's project settings: feature access levels (which abilities.ts acts on), merge settings, CI settings (kept,
 * not acted on yet). They live in `source_attributes` under their REST names, with GitLab's defaults for a new project
 * where a project has no value, so an import keeps what the source had and the API shows what GitLab would.
 */

export const FEATURE_ACCESS_LEVELS = ["disabled", "private", "enabled", "public"] as const;
export type FeatureAccessLevel = (typeof FEATURE_ACCESS_LEVELS)[number];

// ProjectFeature's integers, as exports carry them (project_feature.ndjson); the REST API speaks in names.
const FEATURE_LEVEL_NUMBERS: Record<number, FeatureAccessLevel> = { 0: "disabled", 10: "private", 20: "enabled", 30: "public" };

export type SettingKind =
  | { type: "access" }
  | { type: "boolean" }
  | { type: "choice"; values: readonly string[] }
  | { type: "text"; max: number }
  | { type: "integer"; min: number; max: number };

interface Setting {
  /** How the API reads a new value; null for one shown and kept but not set through the API. */
  kind: SettingKind | null;
  default: unknown;
  /** Shown only to those who may administer the project (GitLab's admin_project block of CI settings). */
  adminOnly?: boolean;
}

const access = (fallback: FeatureAccessLevel = "enabled"): Setting => ({ kind: { type: "access" }, default: fallback });
const flag = (fallback: boolean, adminOnly = false): Setting => ({ kind: { type: "boolean" }, default: fallback, adminOnly });
const choice = (values: readonly string[], fallback: string, adminOnly = false): Setting => ({ kind: { type: "choice", values }, default: fallback, adminOnly });
const text = (fallback: string | null, max = 255): Setting => ({ kind: { type: "text", max }, default: fallback });
const integer = (fallback: number | null, min: number, max: number, adminOnly = false): Setting => ({ kind: { type: "integer", min, max }, default: fallback, adminOnly });

export type ProjectFeature = (typeof FEATURES)[number];

/** The features whose `<feature>_access_level` GitLab exposes, in its entity's order. */
export const FEATURES = [
  "issues", "repository", "merge_requests", "forking", "wiki", "builds", "snippets", "pages", "analytics",
  "container_registry", "security_and_compliance", "releases", "environments", "feature_flags", "infrastructure",
  "monitor", "model_experiments", "model_registry", "package_registry",
] as const;

export const PROJECT_SETTINGS: Record<string, Setting> = {
  ...Object.fromEntries(FEATURES.map((feature) => [`${feature}_access_level`, access(feature === "pages" ? "private" : "enabled")])),
  packages_enabled: flag(true),
  resolve_outdated_diff_discussions: flag(false),
  emails_enabled: flag(true),
  shared_runners_enabled: flag(true),
  lfs_enabled: flag(true),
  service_desk_enabled: flag(false),
  ci_config_path: text("", 255),
  public_jobs: flag(true),
  only_allow_merge_if_pipeline_succeeds: flag(false),
  allow_merge_on_skipped_pipeline: flag(false),
  request_access_enabled: flag(true),
  only_allow_merge_if_all_discussions_are_resolved: flag(false),
  remove_source_branch_after_merge: flag(true),
  printing_merge_request_link_enabled: flag(true),
  merge_method: choice(["merge", "rebase_merge", "ff"], "merge"),
  squash_option: choice(["never", "always", "default_on", "default_off"], "default_off"),
  enforce_auth_checks_on_uploads: flag(true),
  suggestion_commit_message: text(null),
  merge_commit_template: text(null, 500),
  squash_commit_template: text(null, 500),
  issue_branch_template: text(null, 255),
  warn_about_potentially_unwanted_characters: flag(true),
  autoclose_referenced_issues: flag(true),
  max_artifacts_size: integer(null, 1, 2_147_483_647),
  // CI settings, shown to Maintainers and up only.
  ci_default_git_depth: integer(20, 0, 1000, true),
  ci_forward_deployment_enabled: flag(true, true),
  ci_forward_deployment_rollback_allowed: flag(true, true),
  ci_job_token_scope_enabled: flag(false, true),
  ci_separated_caches: flag(true, true),
  ci_allow_fork_pipelines_to_run_in_parent_project: flag(true, true),
  build_git_strategy: choice(["fetch", "clone"], "fetch", true),
  keep_latest_artifact: flag(true, true),
  restrict_user_defined_variables: flag(false, true),
  group_runners_enabled: flag(true, true),
  auto_cancel_pending_pipelines: choice(["disabled", "enabled"], "enabled", true),
  build_timeout: integer(3600, 600, 2_592_000, true),
  auto_devops_enabled: flag(false, true),
  auto_devops_deploy_strategy: choice(["continuous", "manual", "timed_incremental"], "continuous", true),
  ci_id_token_sub_claim_components: { kind: null, default: ["project_path", "ref_type", "ref"], adminOnly: true },
  ci_restrict_pipeline_cancellation_role: choice(["developer", "maintainer", "no_one"], "developer", true),
  ci_pipeline_variables_minimum_override_role: choice(["no_one_allowed", "developer", "maintainer", "owner"], "developer", true),
  ci_push_repository_for_job_token_allowed: flag(false, true),
  runner_token_expiration_interval: integer(null, 600, 2_147_483_647, true),
};

/**
 * GitLab's older boolean switches for some features (`issues_enabled`...), still accepted on create and update: true
 * is the feature's "enabled" level, false "disabled".
 */
export const LEGACY_FEATURE_FLAGS: Record<string, ProjectFeature> = {
  issues_enabled: "issues",
  merge_requests_enabled: "merge_requests",
  wiki_enabled: "wiki",
  jobs_enabled: "builds",
  snippets_enabled: "snippets",
  container_registry_enabled: "container_registry",
};

function stored(key: string, value: unknown): unknown {
  const setting = PROJECT_SETTINGS[key]!;
  if (setting.kind?.type === "access" && typeof value === "number") return FEATURE_LEVEL_NUMBERS[value] ?? setting.default;
  return value;
}

/**
 * A feature's `<feature>_access_level` in a project's kept settings: its own value (a name, or the integer an export
 * carries), GitLab's default where it has none or one that is no level.
 */
export function featureAccessLevel(sourceAttributes: Record<string, unknown>, feature: ProjectFeature): FeatureAccessLevel {
  const key = `${feature}_access_level`;
  const level = key in sourceAttributes ? stored(key, sourceAttributes[key]) : undefined;
  return (FEATURE_ACCESS_LEVELS as readonly unknown[]).includes(level) ? (level as FeatureAccessLevel) : (PROJECT_SETTINGS[key]!.default as FeatureAccessLevel);
}

/** Every setting of a project: its own values where it has them, GitLab's defaults elsewhere. */
export function projectSettings(sourceAttributes: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(PROJECT_SETTINGS).map(([key, setting]) => [key, key in sourceAttributes ? stored(key, sourceAttributes[key]) : setting.default]));
}

/** The settings a record (an API body, an export) carries itself, in their REST form; none of GitLab's defaults. */
export function settingsIn(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(record).filter((key) => key in PROJECT_SETTINGS).map((key) => [key, stored(key, record[key])]));
}

/** A project's feature access levels as an export carries them (ProjectFeature's integers), by `<feature>_access_level`. */
export function featureLevelNumbers(sourceAttributes: Record<string, unknown>): Record<string, number> {
  const numbers = Object.fromEntries(Object.entries(FEATURE_LEVEL_NUMBERS).map(([number, level]) => [level, Number(number)]));
  return Object.fromEntries(FEATURES.map((feature) => [`${feature}_access_level`, numbers[featureAccessLevel(sourceAttributes, feature)]!]));
}

export const isAdminOnlySetting = (key: string) => PROJECT_SETTINGS[key]?.adminOnly === true;
