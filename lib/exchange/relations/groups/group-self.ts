import { eq } from "drizzle-orm";
import { getDb, groups, type Visibility } from "@/lib/db";
import { mergedRecord } from "../support/merged-record";
import type { ExportRecord, SingleRelation } from "../support/types";
import { PROJECT_CREATION_LEVEL, SUBGROUP_CREATION_LEVEL } from "@/lib/groups/creation-levels";

type Group = typeof groups.$inferSelect;

// import_export.yml excluded_attributes.group, verbatim (GitLab's own spelling of `shared_runners_minute_limit`
// included): secrets and fields that make no sense on another instance never leave.
const EXCLUDED = new Set([
  "owner_id", "created_at", "updated_at", "runners_token", "runners_token_encrypted", "saml_discovery_token",
  "trial_ends_on", "shared_runners_minute_limit", "extra_shared_runners_minutes_limit", "repository_size_limit",
  "max_pages_size",
]);
// Where the group is and what it is called come from Ferry's columns, never from kept settings.
const IDENTITY = new Set(["id", "name", "path", "description", "visibility_level", "visibility", "parent_id", "full_path", "traversal_ids"]);

const VISIBILITY_LEVEL: Record<Visibility, number> = { private: 0, internal: 10, public: 20 };
// The REST API names these levels; the export stores the integers (Gitlab::Access).

function level(value: unknown, names: Record<string, number>): unknown {
  return typeof value === "string" && value in names ? names[value] : value;
}

/** GitLab's column defaults for a new group, for what a group made in Ferry never had. */
function defaults(group: Group): ExportRecord {
  return {
    name: group.name,
    path: group.path,
    description: group.description,
    avatar: { url: null },
    membership_lock: false,
    share_with_group_lock: false,
    visibility_level: VISIBILITY_LEVEL[group.visibility],
    request_access_enabled: true,
    lfs_enabled: null,
    parent_id: group.parentId,
    require_two_factor_authentication: false,
    two_factor_grace_period: 48,
    project_creation_level: 2,
    auto_devops_enabled: null,
    subgroup_creation_level: 1,
    emails_enabled: true,
    mentions_disabled: null,
  };
}

/**
 * `self.json`: the group's own attributes as GitLab exports a namespace row. Ferry keeps what a source sent as the
 * group's settings, so an imported group goes out with them (minus GitLab's excluded attributes); its name, path,
 * description, visibility and ids are this instance's.
 */
export function groupSelfRecord(group: Group): ExportRecord {
  const kept = Object.fromEntries(Object.entries(group.settings).filter(([key]) => !EXCLUDED.has(key) && !IDENTITY.has(key)));
  if ("project_creation_level" in kept) kept.project_creation_level = level(kept.project_creation_level, PROJECT_CREATION_LEVEL);
  if ("subgroup_creation_level" in kept) kept.subgroup_creation_level = level(kept.subgroup_creation_level, SUBGROUP_CREATION_LEVEL);
  return mergedRecord(defaults(group), kept, {
    name: group.name,
    path: group.path,
    description: group.description,
    visibility_level: VISIBILITY_LEVEL[group.visibility],
    // This instance's avatar (GitLab writes the uploader's relative path), never the source's URL kept in settings.
    avatar: { url: group.avatarPath ? `/${group.avatarPath}` : null },
    parent_id: group.parentId,
    id: group.id,
  });
}

export async function findGroupRow(groupId: number): Promise<Group | undefined> {
  const [group] = await getDb().select().from(groups).where(eq(groups.id, groupId));
  return group;
}

export const groupSelfRelation: SingleRelation = {
  kind: "single",
  name: "self",
  format: "json",
  async record(groupId) {
    const group = await findGroupRow(groupId);
    return group ? groupSelfRecord(group) : null;
  },
};
