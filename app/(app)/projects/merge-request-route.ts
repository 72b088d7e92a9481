import { notFound } from "next/navigation";
import { cache } from "react";
import { findMergeRequest, projectMergeRequestScope } from "@/lib/merge-requests";
import { canReadMergeRequests, type ProjectWithAccess } from "@/lib/projects";
import type { PublicUser } from "@/lib/users";
import { projectRoute, type ProjectParams } from "./project-route";

/** The merge requests pages' project, when the viewer may read its merge requests (GitLab's read_merge_request); else 404. */
export async function mergeRequestsRoute(params: Promise<ProjectParams>) {
  const route = await projectRoute(params);
  if (!canReadMergeRequests(route.user, route.project)) notFound();
  return route;
}

const mergeRequestOf = cache((user: PublicUser, project: ProjectWithAccess, iid: number) => findMergeRequest(projectMergeRequestScope(user, project), iid));

/** `/-/merge_requests/<iid>[/<tab>]`: the project and its merge request of that number; 404 when there is none. */
export async function mergeRequestRoute(params: Promise<ProjectParams & { iid: string }>) {
  const route = await mergeRequestsRoute(params);
  const iid = Number((await params).iid);
  const mr = Number.isSafeInteger(iid) && iid > 0 && iid <= 2_147_483_647 ? await mergeRequestOf(route.user, route.project, iid) : undefined;
  if (!mr) notFound();
  return { ...route, mr };
}
