import { findProject, findRelease, linkAtFilepath } from "@/lib/projects";
import { releaseLinkEntity } from "./entities/releases";
import { pageParams, paginationHeaders } from "./pagination";
import { readAll } from "./param-error";
import { apiRoute } from "./request-auth";
import { rawSegments, repositoryRoute } from "./repository-route";
import { forbidden, json, notFound, recordNotFound } from "./responses";

/*
 * A release's asset links (GitLab's release_links API and its downloads endpoint). Ferry keeps the links an import
 * brought and does not edit them: creating, changing or deleting one answers what GitLab answers a user who may not.
 */

/** GET /projects/:id/releases/:tag_name/assets/links: a page of the release's links, newest first. */
export const releaseLinksRoute = repositoryRoute<"tag_name">({ tail: "releases/:tag_name/assets/links" }, async ({ request, url, params, project, projectUrl }) => {
  const [page] = readAll(() => pageParams(url.searchParams));
  const view = await findRelease(project.id, params.tag_name);
  // Grape's answer to find_by_tag! finding nothing.
  if (!view) return recordNotFound();
  const shown = view.links.slice((page.page - 1) * page.perPage, page.page * page.perPage);
  return json(
    shown.map((link) => releaseLinkEntity(link, projectUrl, view.release.tagName)),
    { headers: paginationHeaders(request, view.links.length, page) },
  );
});

/** GET /projects/:id/releases/:tag_name/assets/links/:link_id: one link of the release. */
export const releaseLinkRoute = repositoryRoute<"tag_name" | "link_id">({ tail: "releases/:tag_name/assets/links/:link_id" }, async ({ params, project, projectUrl }) => {
  const view = await findRelease(project.id, params.tag_name);
  const link = view?.links.find((candidate) => String(candidate.id) === params.link_id);
  if (!view || !link) return recordNotFound();
  return json(releaseLinkEntity(link, projectUrl, view.release.tagName));
});

/**
 * POST, PUT and DELETE of links: Ferry does not edit releases, so it answers what GitLab answers someone without the
 * right to (after the token, which must have the `api` scope, and the project, which must be visible).
 */
export const releaseLinksWriteRoute = apiRoute<{ id: string }>("write", async ({ request, viewer, params }) => {
  // The project as the address names it, still encoded (as repositoryRoute reads it), else as Next gave it.
  const raw = rawSegments(new URL(request.url).pathname, ":id/releases/:tag_name/assets/*rest");
  let id = params.id;
  if (raw) {
    try {
      id = decodeURIComponent(raw.id!);
    } catch {
      return notFound("Project Not");
    }
  }
  return (await findProject(viewer, id)) ? forbidden() : notFound("Project Not");
});

/**
 * GET /projects/:id/releases/:tag_name/downloads/*direct_asset_path: a redirect (302) to the address of the release's
 * link whose filepath is `/<direct_asset_path>`, as GitLab's; "404 Not found" when the release has no such link.
 */
export const releaseDownloadRoute = repositoryRoute<"tag_name" | "direct_asset_path">(
  { tail: "releases/:tag_name/downloads/*direct_asset_path" },
  async ({ params, project }) => {
    const view = await findRelease(project.id, params.tag_name);
    if (!view) return notFound();
    const link = linkAtFilepath(view, `/${params.direct_asset_path}`);
    if (!link) return recordNotFound();
    return new Response(null, { status: 302, headers: { location: link.url } });
  },
);
