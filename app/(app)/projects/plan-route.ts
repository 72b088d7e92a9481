import { notFound } from "next/navigation";
import { cache } from "react";
import { findMilestoneByIid, listBoardNames } from "@/lib/content";
import { canReadIssueBoards, canReadMilestones, type ProjectWithAccess } from "@/lib/projects";
import { projectRoute, type ProjectParams } from "./project-route";

/**
 * The project's Plan pages: milestones when its issues or merge requests let the viewer in, boards when its issues do
 * (GitLab's read_milestone, read_issue_board); 404 otherwise, as GitLab answers a page the viewer may not read.
 */
export async function milestonesRoute(params: Promise<ProjectParams>) {
  const route = await projectRoute(params);
  if (!canReadMilestones(route.user, route.project)) notFound();
  return route;
}

const milestoneOf = cache((projectId: number, iid: number) => findMilestoneByIid({ projectId }, iid));

/** `/-/milestones/<iid>`: the project's milestone of that number; 404 when there is none. */
export async function milestoneRoute(params: Promise<ProjectParams & { iid: string }>) {
  const route = await milestonesRoute(params);
  const iid = Number((await params).iid);
  const milestone = Number.isSafeInteger(iid) ? await milestoneOf(route.project.id, iid) : undefined;
  if (!milestone) notFound();
  return { ...route, milestone };
}

export async function boardsRoute(params: Promise<ProjectParams>) {
  const route = await projectRoute(params);
  if (!canReadIssueBoards(route.user, route.project)) notFound();
  return route;
}

/** The board switcher's links: the project's boards at `/-/boards/<id>`. */
export const projectBoardLinks = cache(async (projectId: number, fullPath: string) => ({
  boards: (await listBoardNames({ projectId })).map((b) => ({ ...b, href: `/${fullPath}/-/boards/${b.id}` })),
}));

/**
 * The full path of the project's group or one of its ancestors: the namespace's path cut at that group's depth (its
 * traversal ids run from the root down, one path segment each).
 */
export function namespacePathOf(project: ProjectWithAccess, groupId: number): string {
  const depth = project.namespace.traversalIds.indexOf(groupId);
  return project.namespace.fullPath
    .split("/")
    .slice(0, depth + 1)
    .join("/");
}
