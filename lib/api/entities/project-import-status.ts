import { projectImportState, type ProjectImportState } from "@/lib/migration";
import { canAdminProject, type ProjectWithAccess } from "@/lib/projects";
import type { Viewer } from "@/lib/viewer";
import { projectBasicEntity } from "./project";

/** GitLab's ProjectImportStatus: the project's identity (ProjectIdentity) and the state of its import. */
export async function projectImportStatusEntity(project: ProjectWithAccess, options: { viewer: Viewer; baseUrl: string; state?: ProjectImportState }) {
  const { id, description, name, name_with_namespace, path, path_with_namespace, created_at } = projectBasicEntity(project, options);
  const state = options.state ?? (await projectImportState(project.id, { details: canAdminProject(options.viewer, project) }));
  return { id, description, name, name_with_namespace, path, path_with_namespace, created_at, ...state };
}
