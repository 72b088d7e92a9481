import type { PublicUser } from "@/lib/users";

/** GitLab's UserBasic: what any signed-in user may see of another. */
export function userBasic(user: Pick<PublicUser, "id" | "username" | "name" | "state">, baseUrl: string) {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    state: user.state,
    locked: false,
    avatar_url: null,
    web_url: `${baseUrl}/users/${encodeURIComponent(user.username)}`,
  };
}

/** GitLab's User entity: the public profile anyone signed in may read (GET /users/:id). */
export function userPublic(user: PublicUser, baseUrl: string) {
  return {
    ...userBasic(user, baseUrl),
    created_at: user.createdAt.toISOString(),
    bio: "",
    location: "",
    public_email: null,
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
    is_followed: false,
    local_time: null,
  };
}

/** GitLab's UserPublic with private fields, returned by GET /user for the token's own user. */
export function userSelf(user: PublicUser, baseUrl: string) {
  return {
    ...userPublic(user, baseUrl),
    last_sign_in_at: null,
    confirmed_at: user.confirmedAt?.toISOString() ?? null,
    last_activity_on: null,
    email: user.email,
    theme_id: 1,
    color_scheme_id: 1,
    projects_limit: 100000,
    current_sign_in_at: null,
    identities: [],
    can_create_group: true,
    can_create_project: true,
    two_factor_enabled: false,
    external: false,
    private_profile: false,
    commit_email: user.email,
    is_admin: user.isAdmin,
  };
}
