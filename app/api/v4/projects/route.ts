import { apiRoute, booleanParam, json, projectAttributeParams, projectErrorResponse, projectJson, projectListJson, projectListParams, readAll, readParams, rowIdParam } from "@/lib/api";
import { createProject, listProjects, ProjectError } from "@/lib/projects";

/**
 * GET /projects: every project the caller can see, public ones without a token; GitLab's filters and pagination.
 * Signed in, each comes with the caller's permissions; anonymous callers and `simple=true` get the short entity.
 */
export const GET = apiRoute("public", async ({ request, url, viewer }) => {
  const { page, filters, simple, statistics } = projectListParams(url.searchParams);
  const listed = await listProjects(viewer, filters);
  const shape = simple || viewer.anonymous ? "basic" : "withAccess";
  return projectListJson(request, viewer, listed, page, shape, statistics);
});

/**
 * POST /projects: a project in the group `namespace_id` (Ferry has no personal namespaces, so it is required), with
 * its repository. 201 and the Project entity; 400 with the attributes' errors as GitLab's validation gives them.
 */
export const POST = apiRoute("write", async ({ request, viewer }) => {
  const params = await readParams(request);
  const [attributes, namespaceId, initializeWithReadme] = readAll(
    () => projectAttributeParams(params),
    () => rowIdParam(params.namespace_id, "namespace_id"),
    () => booleanParam(params.initialize_with_readme, "initialize_with_readme"),
  );
  if (!attributes.name && !attributes.path) return json({ error: "name, path are missing, at least one parameter must be provided" }, { status: 400 });
  if (namespaceId === undefined) return json({ error: "namespace_id is missing" }, { status: 400 });
  try {
    const project = await createProject(viewer, { ...attributes, namespaceId, initializeWithReadme });
    return projectJson(request, viewer, project, "project", { status: 201 });
  } catch (error) {
    if (error instanceof ProjectError) return projectErrorResponse(error);
    throw error;
  }
});
