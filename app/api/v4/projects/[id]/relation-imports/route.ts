import { apiRoute, json } from "@/lib/api";
import { listRelationImports } from "@/lib/migration";
import { canAdminProject, findProject } from "@/lib/projects";

export const dynamic = "force-dynamic";

/** GitLab's GET /projects/:id/relation-imports: the project's relation imports, newest first (Maintainer and up). */
export const GET = apiRoute<{ id: string }>("read", async ({ viewer, params }) => {
  const project = await findProject(viewer, params.id);
  if (!project) return json({ message: "404 Project Not Found" }, { status: 404 });
  if (!canAdminProject(viewer, project)) return json({ message: "403 Forbidden" }, { status: 403 });
  return json(await listRelationImports(project));
});
