import { ciStatusLabel, type CiUser, type CommitNote, type Job, type Pipeline } from "@/lib/projects";
import { userBasic } from "./user";

const iso = (date: Date | null) => date?.toISOString() ?? null;
const user = (u: CiUser | null, baseUrl: string) => (u ? userBasic(u, baseUrl) : null);

/** Entities::Ci::PipelineBasic: what a list of pipelines gives. */
export function pipelineBasic(pipeline: Pick<Pipeline, "id" | "iid" | "projectId" | "sha" | "ref" | "status" | "source" | "createdAt" | "updatedAt"> & { name?: string | null }, projectUrl: string) {
  return {
    id: pipeline.id,
    iid: pipeline.iid,
    project_id: pipeline.projectId,
    sha: pipeline.sha,
    ref: pipeline.ref,
    status: pipeline.status,
    source: pipeline.source,
    created_at: iso(pipeline.createdAt),
    updated_at: iso(pipeline.updatedAt),
    web_url: `${projectUrl}/-/pipelines/${pipeline.id}`,
    ...(pipeline.name === undefined ? {} : { name: pipeline.name }),
  };
}

/** DetailedStatusEntity, for a pipeline: its label, icon and page. */
function detailedStatus(status: string, detailsPath: string) {
  const { text, label, group } = ciStatusLabel(status);
  return { icon: `status_${group.replace(/-/g, "_")}`, text, label, group, tooltip: label, has_details: true, details_path: detailsPath, illustration: null, favicon: `/assets/ci_favicons/favicon_status_${group.replace(/-/g, "_")}.png` };
}

/** Entities::Ci::Pipeline: one pipeline (GET /projects/:id/pipelines/:pipeline_id). */
export function pipelineEntity(pipeline: Pipeline, projectUrl: string, projectPath: string, baseUrl: string) {
  return {
    ...pipelineBasic(pipeline, projectUrl),
    before_sha: pipeline.beforeSha ?? "0000000000000000000000000000000000000000",
    tag: pipeline.tag,
    yaml_errors: pipeline.yamlErrors,
    user: user(pipeline.user, baseUrl),
    started_at: iso(pipeline.startedAt),
    finished_at: iso(pipeline.finishedAt),
    committed_at: iso(pipeline.committedAt),
    duration: pipeline.duration,
    queued_duration: null,
    coverage: null,
    detailed_status: detailedStatus(pipeline.status, `/${projectPath}/-/pipelines/${pipeline.id}`),
    archived: false,
  };
}

/** Entities::Ci::JobBasic's commit: the pipeline's SHA (Ferry reads no git for a list of jobs; the commit may be gone). */
const jobCommit = (sha: string, projectUrl: string) => ({ id: sha, short_id: sha.slice(0, 8), web_url: `${projectUrl}/-/commit/${sha}` });

function jobBasic(job: Job, projectUrl: string, baseUrl: string) {
  return {
    id: job.id,
    status: job.status,
    stage: job.stage,
    name: job.name,
    ref: job.ref,
    tag: job.tag,
    coverage: job.coverage,
    allow_failure: job.allowFailure,
    created_at: iso(job.createdAt),
    started_at: iso(job.startedAt),
    finished_at: iso(job.finishedAt),
    erased_at: typeof job.sourceAttributes.erased_at === "string" ? job.sourceAttributes.erased_at : null,
    duration: job.runSeconds,
    queued_duration: job.queuedSeconds,
    user: user(job.user, baseUrl),
    commit: jobCommit(job.pipeline.sha, projectUrl),
    pipeline: pipelineBasic(job.pipeline, projectUrl),
    web_url: `${projectUrl}/-/jobs/${job.id}`,
    project: { ci_job_token_scope_enabled: false },
  };
}

/** Entities::Ci::Job: a job, without artifacts or runner (GitLab's export carries neither). */
export function jobEntity(job: Job, projectUrl: string, baseUrl: string) {
  return {
    ...jobBasic(job, projectUrl, baseUrl),
    artifacts_file: null,
    artifacts: [],
    runner: null,
    runner_manager: null,
    artifacts_expire_at: null,
    archived: false,
    tag_list: Array.isArray(job.sourceAttributes.tag_list) ? job.sourceAttributes.tag_list : [],
    failure_reason: job.status === "failed" && typeof job.sourceAttributes.failure_reason === "string" ? job.sourceAttributes.failure_reason : undefined,
  };
}

/** Entities::Ci::Bridge: a trigger job and its downstream pipeline (on the source; Ferry has none). */
export function bridgeEntity(job: Job, projectUrl: string, baseUrl: string) {
  return { ...jobBasic(job, projectUrl, baseUrl), downstream_pipeline: null };
}

/** Entities::CommitStatus: a job or an external status of a commit. */
export function commitStatusEntity(job: Job, baseUrl: string) {
  return {
    id: job.id,
    sha: job.pipeline.sha,
    ref: job.ref ?? job.pipeline.ref,
    status: job.status,
    name: job.name,
    target_url: job.targetUrl,
    description: job.description,
    created_at: iso(job.createdAt),
    started_at: iso(job.startedAt),
    finished_at: iso(job.finishedAt),
    allow_failure: job.allowFailure,
    coverage: job.coverage,
    pipeline_id: job.pipelineId,
    author: user(job.user, baseUrl),
  };
}

/** Entities::CommitNote: a comment on a commit, with where in its diff when it is on a line. */
export function commitNoteEntity(note: CommitNote, baseUrl: string) {
  const attributes = note.sourceAttributes;
  const text = (key: string) => (typeof attributes[key] === "string" ? (attributes[key] as string) : null);
  return {
    note: note.note,
    path: text("path"),
    line: typeof attributes.line === "number" ? attributes.line : null,
    line_type: text("line_type"),
    author: user(note.author, baseUrl),
    created_at: iso(note.createdAt),
  };
}
