import { apiRoute, booleanParam, json, notFound, projectAttributeParams, projectErrorResponse, projectJson, readAll, readParams } from "@/lib/api";
import { deleteProject, findProject, ProjectError, updateProject } from "@/lib/projects";

/** GET /projects/:id (an id or the URL-encoded full path): public projects answer without a token, hidden ones 404. */
export const GET = apiRoute<{ id: string }>("public", async ({ request, url, viewer, params }) => {
  const q = url.searchParams;
  const [statistics] = readAll(
    () => booleanParam(q.get("statistics"), "statistics"),
    () => booleanParam(q.get("license"), "license"),
    () => booleanParam(q.get("with_custom_attributes"), "with_custom_attributes"),
  );
  const project = await findProject(viewer, params.id);
  if (!project) return notFound("Project Not");
  return projectJson(request, viewer, project, viewer.anonymous ? "basic" : "withAccess", { statistics: statistics ?? false });
});

const UPDATABLE = ["name", "path", "description", "visibility", "default_branch", "topics"];

/**
 * PUT /projects/:id: Maintainers change the attributes and settings, Owners the visibility too. 200 and the Project
 * entity; 400 with the attributes' errors; 403 for those who may not; 404 for those who cannot see it.
 */
export const PUT = apiRoute<{ id: string }>("write", async ({ request, viewer, params }) => {
  const attributes = projectAttributeParams(await readParams(request));
  const { settings, ...fields } = attributes;
  if (Object.values(fields).every((value) => value === undefined) && Object.keys(settings).length === 0) {
    return json({ error: `${UPDATABLE.join(", ")} are missing, at least one parameter must be provided` }, { status: 400 });
  }
  const project = await findProject(viewer, params.id);
  if (!project) return notFound("Project Not");
  try {
    return projectJson(request, viewer, await updateProject(viewer, project, attributes), "project");
  } catch (error) {
    if (error instanceof ProjectError) return projectErrorResponse(error);
    throw error;
  }
});

/** DELETE /projects/:id: an Owner's; the project and its repositories go at once. 202, as GitLab answers. */
export const DELETE = apiRoute<{ id: string }>("write", async ({ viewer, params }) => {
  const project = await findProject(viewer, params.id);
  if (!project) return notFound("Project Not");
  try {
    await deleteProject(viewer, project);
  } catch (error) {
    if (error instanceof ProjectError) return projectErrorResponse(error);
    throw error;
  }
  return json({ message: "202 Accepted" }, { status: 202 });
});
