import { findRelease, listReleases, releaseCommit, type ReleaseView } from "@/lib/projects";
import { baseUrlOf } from "./base-url";
import { releaseEntity } from "./entities/releases";
import { pageParams, paginationHeaders } from "./pagination";
import { readAll } from "./param-error";
import { repositoryRoute } from "./repository-route";
import { json, notFound } from "./responses";

async function entities(views: ReleaseView[], repo: string, projectUrl: string, request: Request) {
  const commits = await Promise.all(views.map((view) => releaseCommit(repo, view.release.tagName)));
  return views.map((view, index) => releaseEntity(view, commits[index]!, projectUrl, baseUrlOf(request)));
}

/** GET /projects/:id/releases: a page of the project's releases, newest released first. */
export const releasesRoute = repositoryRoute({ tail: "releases" }, async ({ request, url, project, repo, projectUrl }) => {
  const [page] = readAll(() => pageParams(url.searchParams));
  const listed = await listReleases(project.id, page);
  return json(await entities(listed.releases, repo, projectUrl, request), { headers: paginationHeaders(request, listed.total, page) });
});

/** GET /projects/:id/releases/:tag_name (URL-encoded): one release, or GitLab's "404 Not Found". */
export const releaseRoute = repositoryRoute<"tag_name">({ tail: "releases/:tag_name" }, async ({ request, params, project, repo, projectUrl }) => {
  const view = await findRelease(project.id, params.tag_name);
  if (!view) return notFound();
  const [entity] = await entities([view], repo, projectUrl, request);
  return json(entity);
});
