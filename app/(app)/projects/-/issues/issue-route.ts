import { notFound } from "next/navigation";
import { cache } from "react";
import { projectRoute, type ProjectParams } from "@/app/(app)/projects/project-route";
import { findIssue, projectIssueScope, type IssueScope } from "@/lib/issues";
import type { ProjectWithAccess } from "@/lib/projects";
import type { PublicUser } from "@/lib/users";

/** The project's issues, when its issues feature lets the viewer in (GitLab's read_issue); 404 otherwise. */
export async function issuesRoute(params: Promise<ProjectParams>): Promise<{ user: PublicUser; project: ProjectWithAccess; scope: IssueScope }> {
  const route = await projectRoute(params);
  const scope = projectIssueScope(route.user, route.project);
  if (scope.projects.length === 0) notFound();
  return { ...route, scope };
}

const issueOf = cache((scope: IssueScope, iid: number) => findIssue(scope, iid));

/**
 * `/-/issues/<iid>`: the project's issue of that number, if the viewer may read it (a confidential issue needs Reporter,
 * or to be its author or an assignee); 404 otherwise, as GitLab hides what one may not see. Layouts call it before
 * anything streams.
 */
export async function issueRoute(params: Promise<ProjectParams & { iid: string }>) {
  const route = await issuesRoute(params);
  const iid = Number((await params).iid);
  const issue = Number.isSafeInteger(iid) && iid > 0 && iid <= 2_147_483_647 ? await issueOf(route.scope, iid) : undefined;
  if (!issue) notFound();
  return { ...route, issue };
}
