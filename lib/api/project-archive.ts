import { findProject, ProjectError, setArchived } from "@/lib/projects";
import { apiRoute } from "./request-auth";
import { projectErrorResponse, projectJson } from "./project-responses";
import { notFound } from "./responses";

/** POST /projects/:id/archive and /unarchive: Owners only; 201 and the Project entity, as Grape answers a POST. */
export function archiveRoute(archived: boolean) {
  return apiRoute<{ id: string }>("write", async ({ request, viewer, params }) => {
    const project = await findProject(viewer, params.id);
    if (!project) return notFound("Project Not");
    try {
      return projectJson(request, viewer, await setArchived(viewer, project, archived), "project", { status: 201 });
    } catch (error) {
      if (error instanceof ProjectError) return projectErrorResponse(error);
      throw error;
    }
  });
}
