import { notFound } from "next/navigation";
import { cache } from "react";
import type { ProjectParams } from "@/app/(app)/projects/project-route";
import { findJob } from "@/lib/projects";
import { pipelinesRoute } from "../pipelines/pipeline-route";

const jobOf = cache((projectId: number, id: number) => findJob(projectId, id));

/**
 * `/-/jobs/<id>`: the project's job (or trigger job) of that id, for viewers who may read its pipelines (GitLab's
 * read_build goes with read_pipeline here: Ferry keeps no job artifacts nor traces); 404 otherwise.
 */
export async function jobRoute(params: Promise<ProjectParams & { id: string }>) {
  const route = await pipelinesRoute(params);
  const id = Number((await params).id);
  const job = Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647 ? await jobOf(route.project.id, id) : undefined;
  if (!job) notFound();
  return { ...route, job };
}
