import type { TokenIdentity } from "@/lib/auth/tokens";
import type { Owner, OwnerPath } from "@/lib/content";
import { findGroup, type GroupWithAccess } from "@/lib/groups";
import { canReadIssueBoards, canReadMilestones, findProject, type ProjectWithAccess } from "@/lib/projects";
import type { Viewer } from "@/lib/viewer";
import { apiRoute, type ApiAccess, type ApiContext } from "./request-auth";
import { forbidden, notFound } from "./responses";

/** Whose labels, milestones, badges or boards a route reads: `/groups/:id/...` or `/projects/:id/...`. */
export type ParentKind = "group" | "project";

export interface ContentParent {
  owner: Owner;
  path: OwnerPath;
  /** The parent's ancestor groups, nearest first: whose labels, milestones and badges GitLab lists with a project's. */
  ancestors: Owner[];
  group?: GroupWithAccess;
  project?: ProjectWithAccess;
}

/**
 * What a project's content asks beyond read_project, as GitLab's ProjectPolicy: milestones need issues or merge
 * requests open to the viewer (read_milestone), boards the issues (read_issue_board). A group's ask nothing more.
 */
export type ContentAbility = "read_label" | "read_milestone" | "read_issue_board" | "read_badge";

function projectAllows(viewer: Viewer, project: ProjectWithAccess, ability: ContentAbility): boolean {
  if (ability === "read_milestone") return canReadMilestones(viewer, project);
  if (ability === "read_issue_board") return canReadIssueBoards(viewer, project);
  return true;
}

/** The group or project `:id` names, if the viewer may see it and read this content of it; else GitLab's 404 or 403. */
export async function findContentParent(kind: ParentKind, viewer: Viewer, id: string, ability: ContentAbility): Promise<ContentParent | Response> {
  if (kind === "group") {
    const group = await findGroup(viewer, id);
    if (!group) return notFound("Group Not");
    const ancestors = group.traversalIds.filter((groupId) => groupId !== group.id).reverse();
    return { owner: { groupId: group.id }, path: { kind, id: group.id, fullPath: group.fullPath }, ancestors: ancestors.map((groupId) => ({ groupId })), group };
  }
  const project = await findProject(viewer, id);
  if (!project) return notFound("Project Not");
  if (!projectAllows(viewer, project, ability)) return forbidden();
  const ancestors = [...project.namespace.traversalIds].reverse();
  return { owner: { projectId: project.id }, path: { kind, id: project.id, fullPath: project.fullPath }, ancestors: ancestors.map((groupId) => ({ groupId })), project };
}

export type ContentContext<P> = ApiContext<P & { id: string }, TokenIdentity | null> & {
  /** The parent, or the Response that refuses it: called after the handler has read its parameters. */
  findParent: () => Promise<ContentParent | Response>;
};

/**
 * A read of a group's or a project's content: the API's access rule, then the handler, which checks its parameters
 * before it looks the parent up, as Grape checks them before the route runs.
 */
export function contentRoute<P extends Record<string, string> = Record<never, string>>(kind: ParentKind, access: Exclude<ApiAccess, "write">, ability: ContentAbility, handler: (context: ContentContext<P>) => Promise<Response>) {
  const run = (context: ApiContext<P & { id: string }, TokenIdentity | null>) => handler({ ...context, findParent: () => findContentParent(kind, context.viewer, context.params.id, ability) });
  return access === "public" ? apiRoute<P & { id: string }>("public", run) : apiRoute<P & { id: string }>("read", run);
}
