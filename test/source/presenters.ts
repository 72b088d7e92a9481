import type { RequestContext } from "./context";
import type { SourceGroup, SourceUser } from "./fixture-store";
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

export function groupJson(ctx: RequestContext, group: SourceGroup, options: { detail?: boolean; withProjects?: boolean } = {}) {
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
    entity.projects = [];
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
