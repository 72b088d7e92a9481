import { notFound } from "next/navigation";
import { cache } from "react";
import { projectRoute, type ProjectParams } from "@/app/(app)/projects/project-route";
import { canReadPipelines, findPipeline } from "@/lib/projects";

const pipelineOf = cache((projectId: number, id: number) => findPipeline(projectId, id));

/** The pipelines pages' project, when the viewer may read its pipelines (GitLab's read_pipeline); else 404. */
export async function pipelinesRoute(params: Promise<ProjectParams>) {
  const route = await projectRoute(params);
  if (!canReadPipelines(route.user, route.project)) notFound();
  return route;
}

/** `/-/pipelines/<id>`: the project and its pipeline of that id; 404 when there is none. Layouts call it before anything streams. */
export async function pipelineRoute(params: Promise<ProjectParams & { id: string }>) {
  const route = await pipelinesRoute(params);
  const id = Number((await params).id);
  const pipeline = Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647 ? await pipelineOf(route.project.id, id) : undefined;
  if (!pipeline) notFound();
  return { ...route, pipeline };
}
