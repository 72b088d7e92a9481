import { ProjectError, projectStatistics, type ProjectWithAccess } from "@/lib/projects";
import type { Viewer } from "@/lib/viewer";
import { baseUrlOf } from "./base-url";
import { projectBasicEntity, projectEntity, projectWithAccessEntity } from "./entities/project";
import { paginationHeaders, type PageParams } from "./pagination";
import { json } from "./responses";

/** Which of GitLab's project entities an endpoint presents (see entities/project.ts). */
export type ProjectShape = "basic" | "project" | "withAccess";

async function render(request: Request, viewer: Viewer, projects: ProjectWithAccess[], shape: ProjectShape, statistics: boolean) {
  const base = baseUrlOf(request);
  const stats = statistics && shape !== "basic" ? await projectStatistics(projects.map((p) => p.id)) : undefined;
  return projects.map((project) => {
    const options = { viewer, baseUrl: base, statistics: stats?.get(project.id) };
    if (shape === "basic") return projectBasicEntity(project, options);
    return shape === "project" ? projectEntity(project, options) : projectWithAccessEntity(project, options);
  });
}

export async function projectJson(request: Request, viewer: Viewer, project: ProjectWithAccess, shape: ProjectShape, options: { statistics?: boolean; status?: number } = {}): Promise<Response> {
  const [body] = await render(request, viewer, [project], shape, options.statistics ?? false);
  return json(body, { status: options.status ?? 200 });
}

export async function projectListJson(request: Request, viewer: Viewer, listed: { rows: ProjectWithAccess[]; total: number }, page: PageParams, shape: ProjectShape, statistics = false): Promise<Response> {
  return json(await render(request, viewer, listed.rows, shape, statistics), { headers: paginationHeaders(request, listed.total, page) });
}

/**
 * A ProjectError as GitLab answers it: a validation error is a 400 with the attribute's messages under `message`
 * (render_validation_error!), a refusal GitLab's bare 403 or 404, and anything else a 400 with its sentence.
 */
export function projectErrorResponse(error: ProjectError): Response {
  if (error.status === 403) return json({ message: "403 Forbidden" }, { status: 403 });
  if (error.status === 404) return json({ message: error.detail }, { status: 404 });
  // A refusal of the whole request rather than of one attribute is GitLab's render_api_error!: a bare message.
  if (error.field === "base") return json({ message: error.detail }, { status: 400 });
  return json({ message: { [error.field]: [error.detail] } }, { status: 400 });
}
