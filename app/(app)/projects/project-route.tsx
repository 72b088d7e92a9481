import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache, type ReactNode } from "react";
import { ProjectHeader } from "@/components/projects/project-header";
import type { ProjectTabKey } from "@/components/projects/project-tabs";
import { isSafeBadgeUrl } from "@/lib/content";
import { countIssuesByState, projectIssueScope } from "@/lib/issues";
import { countMergeRequestsByState, projectMergeRequestScope } from "@/lib/merge-requests";
import { canAdminProject, canFetchRepository, canReadIssueBoards, canReadMergeRequests, canReadMilestones, canReadPipelines, canReadPipelineSchedules, findProject, renderedProjectBadges, type ProjectWithAccess } from "@/lib/projects";
import { defaultBranch, repositoryPath } from "@/lib/repositories";
import { canReadProjectSnippets } from "@/lib/snippets";
import type { PublicUser } from "@/lib/users";
import { requestOrigin } from "../request-origin";
import { requireUser } from "../require-user";
import { fullPathOf } from "../route-params";

/**
 * What the project pages share. `/<full path>` is the overview (the root catch-all, app/(app)/[...path]); every
 * `/<full path>/-/<page>` is a route of its own under app/(app)/projects/-/ (see the rewrites in next.config.js):
 *
 *   /a/b/p/-/branches           -> /projects/-/branches/-/a/b/p          [...path]: the full path
 *   /a/b/p/-/commit/<sha>       -> /projects/-/commit/<sha>/-/a/b/p      [sha], then [...path]
 *   /a/b/p/-/tree/<ref>/<path>  -> /projects/-/tree/<ref>/<path>/-/a/b/p [...parts]: split at the last `-` segment
 *
 * A file path may hold a `-` segment but a full path never does, so the last one parts them.
 */

/** The `[...path]` segment of a project route: the project's full path. */
export interface ProjectParams {
  path: string[];
}

/** The `[...parts]` segment of a route whose tail has any length: `<tail...>/-/<full path...>`. */
export interface ProjectPartsParams {
  parts: string[];
}

/** Once a request, though the layout, the page and the metadata of a route each ask. */
const lookUp = cache(async (fullPath: string) => {
  const user = await requireUser();
  return { user, project: await findProject(user, fullPath) };
});

async function routeFor(fullPath: string | undefined): Promise<{ user: PublicUser; project: ProjectWithAccess }> {
  if (fullPath === undefined) notFound();
  const { user, project } = await lookUp(fullPath);
  if (!project) notFound();
  return { user, project };
}

/** The signed-in user and the project of the route; 404 when there is none at that path or the user cannot see it. */
export async function projectRoute(params: Promise<ProjectParams>) {
  return routeFor(fullPathOf((await params).path));
}

/** `[...parts]` parted into the tail (decoded segments, possibly none) and the full path; undefined when malformed. */
export function splitParts(parts: string[]): { tail: string[]; fullPath: string } | undefined {
  const at = parts.lastIndexOf("-");
  if (at < 0) return undefined;
  const fullPath = fullPathOf(parts.slice(at + 1));
  if (fullPath === undefined) return undefined;
  try {
    return { tail: parts.slice(0, at).map(decodeURIComponent), fullPath };
  } catch {
    return undefined;
  }
}

/** projectRoute for a route whose tail has any length (`/-/tree/<ref>/<path>`): also the tail's decoded segments. */
export async function projectPartsRoute(params: Promise<ProjectPartsParams>) {
  const split = splitParts((await params).parts);
  const found = await routeFor(split?.fullPath);
  return { ...found, tail: split!.tail };
}

/**
 * What the repository pages need on top: the user must be allowed the code (GitLab's download_code; a Guest of a
 * private project sees the project but not its files, nor does anyone when the repository is disabled: 404, as
 * GitLab), and the repository on disk.
 */
export function codeOf(user: PublicUser, project: ProjectWithAccess): { repo: string } {
  if (!canFetchRepository(user, project, "project")) notFound();
  return { repo: repositoryPath(project.id, "project") };
}

/** A route's `generateMetadata`: "Files · a/b/p", or the full path alone for the overview. From the URL: no query. */
export function projectMetadata(section?: string) {
  return async ({ params }: { params: Promise<Partial<ProjectParams & ProjectPartsParams>> }): Promise<Metadata> => {
    const resolved = await params;
    const fullPath = (resolved.path ? fullPathOf(resolved.path) : resolved.parts ? splitParts(resolved.parts)?.fullPath : undefined) ?? "";
    return { title: section ? `${section} · ${fullPath}` : fullPath };
  };
}

/** The project's header and tabs above the page: every project route's layout renders its page in it. */
export async function ProjectShell({ user, project, current, children }: { user: PublicUser; project: ProjectWithAccess; current: ProjectTabKey; children: ReactNode }) {
  const code = canFetchRepository(user, project, "project");
  // The branch HEAD names, even in an empty repository; the column is the fallback should the repository lack HEAD.
  const branch = code ? ((await defaultBranch(repositoryPath(project.id, "project"))) ?? project.defaultBranch) : null;
  // Badges show on the overview only, as GitLab's.
  const badges = current === "overview" ? await renderedProjectBadges(project, new URL(await requestOrigin()).hostname) : [];
  // The Issues tab shows, with its open count, to whoever the issues feature lets in (GitLab's read_issue).
  const issueScope = projectIssueScope(user, project);
  const openIssues = issueScope.projects.length ? (await countIssuesByState(issueScope, {})).opened : undefined;
  const openMergeRequests = canReadMergeRequests(user, project) ? (await countMergeRequestsByState(projectMergeRequestScope(user, project), {})).opened : null;
  return (
    <>
      <ProjectHeader
        project={project}
        current={current}
        defaultBranch={branch}
        canReadCode={code}
        canReadWiki={canFetchRepository(user, project, "wiki")}
        canAdmin={canAdminProject(user, project)}
        canReadSnippets={canReadProjectSnippets(user, project)}
        canReadPipelines={canReadPipelines(user, project)}
        canReadSchedules={canReadPipelineSchedules(user, project)}
        canReadBoards={canReadIssueBoards(user, project)}
        canReadMilestones={canReadMilestones(user, project)}
        openIssues={openIssues}
        openMergeRequests={openMergeRequests}
        badges={badges.map((b) => ({ id: b.id, name: b.name, linkUrl: b.linkUrl, imageUrl: b.imageUrl, linkSafe: isSafeBadgeUrl(b.linkUrl), imageSafe: isSafeBadgeUrl(b.imageUrl) }))}
      />
      {children}
    </>
  );
}
