import { findCustomAttribute, findProject, listCustomAttributes } from "@/lib/projects";
import { apiRoute } from "./request-auth";
import { forbidden, json, notFound } from "./responses";

/** GET /projects/:id/custom_attributes: administrators only (GitLab's authenticated_as_admin!, asked first). */
export const customAttributesRoute = apiRoute<{ id: string }>("read", async ({ viewer, params }) => {
  if (!viewer.isAdmin) return forbidden();
  const project = await findProject(viewer, params.id);
  if (!project) return notFound("Project Not");
  return json(await listCustomAttributes(project.id));
});

/** GET /projects/:id/custom_attributes/:key: one attribute, `{key, value}`. */
export const customAttributeRoute = apiRoute<{ id: string; key: string }>("read", async ({ viewer, params }) => {
  if (!viewer.isAdmin) return forbidden();
  const project = await findProject(viewer, params.id);
  if (!project) return notFound("Project Not");
  const attribute = await findCustomAttribute(project.id, params.key);
  return attribute ? json(attribute) : notFound("Custom Attribute Not");
});
