import { CI_STATUSES, type CiBuildType } from "@/lib/db";
import {
  canFetchRepository,
  canReadPipelines,
  commitNotes,
  commitStatuses,
  findJob,
  findPipeline,
  findProject,
  listJobs,
  listPipelines,
  PIPELINE_ORDERS,
  PIPELINE_SCOPES,
  type ProjectWithAccess,
} from "@/lib/projects";
import type { Viewer } from "@/lib/viewer";
import { baseUrlOf } from "./base-url";
import { bridgeEntity, commitNoteEntity, commitStatusEntity, jobEntity, pipelineBasic, pipelineEntity } from "./entities/pipelines";
import { rowIdParam } from "./ids";
import { pageParams, paginationHeaders } from "./pagination";
import { notAValue, readAll } from "./param-error";
import { queryList } from "./params";
import { apiRoute } from "./request-auth";
import { choiceParam, stringParam } from "./strings";
import { forbidden, json, notFound } from "./responses";

type Ability = (viewer: Viewer, project: ProjectWithAccess) => boolean;

/** The project by `:id` when the viewer may see it and, by `can`, its pipelines: else GitLab's 404 or 403. */
async function projectFor(viewer: Viewer, id: string, can: Ability): Promise<ProjectWithAccess | Response> {
  const project = await findProject(viewer, id);
  if (!project) return notFound("Project Not");
  if (!can(viewer, project)) return forbidden();
  return project;
}

const urls = (request: Request, project: ProjectWithAccess) => {
  const base = baseUrlOf(request);
  return { base, projectUrl: `${base}/${project.fullPath}` };
};

/** `scope` of the jobs lists: one status or several (`scope[]=failed&scope[]=success`), each a CI status. */
function jobScope(search: URLSearchParams): string[] {
  const values = queryList(search, "scope").filter((value) => value !== "");
  for (const value of values) if (!(CI_STATUSES as readonly string[]).includes(value)) throw notAValue("scope");
  return values;
}

/** GET /projects/:id/pipelines: GitLab's filters and orders, newest first, paginated. */
export const pipelinesRoute = apiRoute<{ id: string }>("read", async ({ request, url, viewer, params }) => {
  const search = url.searchParams;
  const [page, scope, status, orderBy, sort, ref, sha, source, username, name] = readAll(
    () => pageParams(search),
    () => choiceParam(search.get("scope"), "scope", PIPELINE_SCOPES),
    () => choiceParam(search.get("status"), "status", CI_STATUSES),
    () => choiceParam(search.get("order_by"), "order_by", PIPELINE_ORDERS),
    () => choiceParam(search.get("sort"), "sort", ["asc", "desc"] as const),
    () => stringParam(search.get("ref"), "ref"),
    () => stringParam(search.get("sha"), "sha"),
    () => stringParam(search.get("source"), "source"),
    () => stringParam(search.get("username"), "username"),
    () => stringParam(search.get("name"), "name"),
  );
  const project = await projectFor(viewer, params.id, canReadPipelines);
  if (project instanceof Response) return project;
  const { rows, total } = await listPipelines(project.id, { ...page, scope, status, orderBy, sort, ref, sha, source, username, name });
  const { projectUrl } = urls(request, project);
  return json(
    rows.map((row) => pipelineBasic(row, projectUrl)),
    { headers: paginationHeaders(request, total, page) },
  );
});

/** GET /projects/:id/pipelines/:pipeline_id. */
export const pipelineRoute = apiRoute<{ id: string; pipelineId: string }>("read", async ({ request, viewer, params }) => {
  const [pipelineId] = readAll(() => rowIdParam(params.pipelineId, "pipeline_id"));
  const project = await projectFor(viewer, params.id, canReadPipelines);
  if (project instanceof Response) return project;
  const pipeline = pipelineId === undefined ? undefined : await findPipeline(project.id, pipelineId);
  if (!pipeline) return notFound();
  const { base, projectUrl } = urls(request, project);
  return json(pipelineEntity(pipeline, projectUrl, project.fullPath, base));
});

/** The jobs (or bridges) of one pipeline, or of the project: `scope` filters their statuses. */
function jobsRoute(types: readonly CiBuildType[], ofPipeline: boolean) {
  return apiRoute<{ id: string; pipelineId?: string }>("read", async ({ request, url, viewer, params }) => {
    const [page, statuses, pipelineId] = readAll(
      () => pageParams(url.searchParams),
      () => jobScope(url.searchParams),
      () => (ofPipeline ? rowIdParam(params.pipelineId, "pipeline_id") : undefined),
    );
    const project = await projectFor(viewer, params.id, canReadPipelines);
    if (project instanceof Response) return project;
    if (ofPipeline && (pipelineId === undefined || !(await findPipeline(project.id, pipelineId)))) return notFound();
    const { rows, total } = await listJobs(project.id, { pipelineId, types, statuses, ...page });
    const { base, projectUrl } = urls(request, project);
    const entity = types.includes("Ci::Bridge") ? bridgeEntity : jobEntity;
    return json(
      rows.map((job) => entity(job, projectUrl, base)),
      { headers: paginationHeaders(request, total, page) },
    );
  });
}

/** GET /projects/:id/pipelines/:pipeline_id/jobs: its jobs (not its trigger jobs nor external statuses). */
export const pipelineJobsRoute = jobsRoute(["Ci::Build"], true);
/** GET /projects/:id/pipelines/:pipeline_id/bridges: its trigger jobs. */
export const pipelineBridgesRoute = jobsRoute(["Ci::Bridge"], true);
/** GET /projects/:id/jobs: the project's jobs, newest first. */
export const projectJobsRoute = jobsRoute(["Ci::Build"], false);

/** GET /projects/:id/jobs/:job_id: a job or a trigger job. */
export const jobRoute = apiRoute<{ id: string; jobId: string }>("read", async ({ request, viewer, params }) => {
  const [jobId] = readAll(() => rowIdParam(params.jobId, "job_id"));
  const project = await projectFor(viewer, params.id, canReadPipelines);
  if (project instanceof Response) return project;
  const job = jobId === undefined ? undefined : await findJob(project.id, jobId);
  if (!job) return notFound();
  const { base, projectUrl } = urls(request, project);
  return json(job.type === "Ci::Bridge" ? bridgeEntity(job, projectUrl, base) : jobEntity(job, projectUrl, base));
});

/** GET /projects/:id/repository/commits/:sha/statuses: the jobs and external statuses of the commit's pipelines. */
export const commitStatusesRoute = apiRoute<{ id: string; sha: string }>("read", async ({ request, url, viewer, params }) => {
  const search = url.searchParams;
  const [page, ref, stage, name] = readAll(
    () => pageParams(search),
    () => stringParam(search.get("ref"), "ref"),
    () => stringParam(search.get("stage"), "stage"),
    () => stringParam(search.get("name"), "name"),
  );
  const project = await projectFor(viewer, params.id, canReadPipelines);
  if (project instanceof Response) return project;
  const { rows, total } = await commitStatuses(project.id, params.sha, { ...page, ref, stage, name });
  return json(
    rows.map((job) => commitStatusEntity(job, urls(request, project).base)),
    { headers: paginationHeaders(request, total, page) },
  );
});

/** GET /projects/:id/repository/commits/:sha/comments: the commit's comments, oldest first (download_code, as GitLab). */
export const commitCommentsRoute = apiRoute<{ id: string; sha: string }>("read", async ({ request, url, viewer, params }) => {
  const [page] = readAll(() => pageParams(url.searchParams));
  const project = await projectFor(viewer, params.id, (v, p) => canFetchRepository(v, p, "project"));
  if (project instanceof Response) return project;
  const { rows, total } = await commitNotes(project.id, params.sha, page);
  return json(
    rows.map((note) => commitNoteEntity(note, urls(request, project).base)),
    { headers: paginationHeaders(request, total, page) },
  );
});
