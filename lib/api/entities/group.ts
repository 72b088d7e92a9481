import { groupAvatarUrl, type Group } from "@/lib/groups";
import { DEFAULT_PROJECT_CREATION_LEVEL, projectCreationLevelName, subgroupCreationLevelName } from "@/lib/groups/creation-levels";

// GitLab's defaults for a new group, used where Ferry has no value of its own (imports keep the source's).
const SETTING_DEFAULTS = {
  share_with_group_lock: false,
  require_two_factor_authentication: false,
  two_factor_grace_period: 48,
  project_creation_level: DEFAULT_PROJECT_CREATION_LEVEL,
  auto_devops_enabled: null,
  subgroup_creation_level: "maintainer",
  emails_disabled: false,
  emails_enabled: true,
  mentions_disabled: null,
  lfs_enabled: true,
  default_branch: null,
  default_branch_protection: 2,
  request_access_enabled: true,
  repository_storage: "default",
  file_template_project_id: null,
  ip_restriction_ranges: null,
} as const;

export function groupEntity(group: Group, baseUrl: string) {
  const settings: Record<string, unknown> = Object.fromEntries(
    Object.entries(SETTING_DEFAULTS).map(([key, fallback]) => [key, key in group.settings ? group.settings[key] : fallback]),
  );
  // A group imported from an export carries GitLab's integers; the REST API speaks in names.
  settings.project_creation_level = projectCreationLevelName(settings.project_creation_level);
  settings.subgroup_creation_level = subgroupCreationLevelName(settings.subgroup_creation_level);
  return {
    id: group.id,
    web_url: `${baseUrl}/groups/${group.fullPath}`,
    name: group.name,
    path: group.path,
    description: group.description,
    visibility: group.visibility,
    ...settings,
    avatar_url: groupAvatarUrl(group, baseUrl),
    full_name: group.fullName,
    full_path: group.fullPath,
    parent_id: group.parentId,
    created_at: group.createdAt.toISOString(),
    organization_id: 1,
    shared_runners_setting: "enabled",
    marked_for_deletion_on: null,
  };
}
