import { apiRoute, baseUrlOf, json, projectImportStatusEntity } from "@/lib/api";
import { findProject } from "@/lib/projects";

export const dynamic = "force-dynamic";

/** GitLab's GET /projects/:id/import: the project's ProjectImportStatus (`none` for a project nothing imported). */
export const GET = apiRoute<{ id: string }>("read", async ({ request, viewer, params }) => {
  const project = await findProject(viewer, params.id);
  if (!project) return json({ message: "404 Project Not Found" }, { status: 404 });
  return json(await projectImportStatusEntity(project, { viewer, baseUrl: baseUrlOf(request) }));
});
