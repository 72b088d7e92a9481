/**
 * Who is asking, as every access check sees them: the signed-in user, or the owner of the API token in use.
 * Its own folder with no imports, below everything that checks access (groups, users, uploads, migration...): a home
 * in lib/auth or lib/users would make lib/groups import a folder that imports lib/groups back.
 */
export interface Viewer {
  id: number;
  isAdmin: boolean;
}
