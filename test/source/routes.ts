/** Route templates, relative to /api/v4. Fault scopes and the request log name endpoints by these. */
export const ROUTES = {
  version: "/version",
  metadata: "/metadata",
  tokenSelf: "/personal_access_tokens/self",
  currentUser: "/user",
  user: "/users/:id",
  groups: "/groups",
  group: "/groups/:id",
  subgroups: "/groups/:id/subgroups",
  descendantGroups: "/groups/:id/descendant_groups",
  projects: "/groups/:id/projects",
  badges: "/groups/:id/badges",
  members: "/groups/:id/members",
  groupAvatar: "/groups/:id/avatar",
  iterations: "/groups/:id/iterations",
  exportRelations: "/groups/:id/export_relations",
  exportStatus: "/groups/:id/export_relations/status",
  exportDownload: "/groups/:id/export_relations/download",
  projectWikis: "/projects/:id/wikis",
  project: "/projects/:id",
  projectExportRelations: "/projects/:id/export_relations",
  projectExportStatus: "/projects/:id/export_relations/status",
  projectExportDownload: "/projects/:id/export_relations/download",
} as const;

export type RouteTemplate = (typeof ROUTES)[keyof typeof ROUTES];
