import { notFound } from "next/navigation";
import { projectRoute, type ProjectParams } from "@/app/(app)/projects/project-route";
import { canAdminProject } from "@/lib/projects";

/** `/<full path>/-/edit`: a project's settings are its Maintainers' and Owners' (admin_project); anyone else finds nothing. */
export async function settingsRoute(params: Promise<ProjectParams>) {
  const route = await projectRoute(params);
  if (!canAdminProject(route.user, route.project)) notFound();
  return route;
}
