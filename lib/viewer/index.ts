/**
 * Who is asking, as every access check sees them: the signed-in user, or the owner of the API token in use.
 * Its own folder with no imports, below everything that checks access (groups, users, uploads, migration...): a home
 * in lib/auth or lib/users would make lib/groups import a folder that imports lib/groups back.
 */
export interface Viewer {
  id: number;
  isAdmin: boolean;
  /** Nobody signed in: GitLab shows such a caller public groups only (not internal ones). */
  anonymous?: boolean;
}

/**
 * A caller of the API without a token. Id 0 is no user's (serials start at 1), so every membership check finds
 * nothing without a special case.
 */
export const ANONYMOUS_VIEWER: Viewer = Object.freeze({ id: 0, isAdmin: false, anonymous: true });
