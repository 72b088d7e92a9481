import { CI_BUILD_TYPES, CI_STATUSES, type CiBuildType, type ciBuilds, type ciPipelines, type ciStages } from "@/lib/db";
import { RecordError } from "../../errors";
import type { SourceUserRef } from "../../source-users";
import { nestedList, nestedRecord, optionalInteger, optionalUserId, within } from "../support/nested-fields";
import { importColumns, optionalBoolean, optionalString, optionalTimestamp, requiredString } from "../support/record-fields";
import { ownerOf } from "../support/owner";
import type { EntityContext } from "../support/types";

type PipelineValues = Omit<typeof ciPipelines.$inferInsert, "userId" | "externalPullRequestId"> & { importKey: string };
type StageValues = Omit<typeof ciStages.$inferInsert, "pipelineId"> & { importKey: string };
type BuildValues = Omit<typeof ciBuilds.$inferInsert, "pipelineId" | "stageId" | "userId">;

export interface BuildRow {
  values: BuildValues;
  userId: number | null;
}

export interface StageRow {
  values: StageValues;
  builds: BuildRow[];
}

/** One source pipeline, ready to load: its columns, its user, its external pull request's branches, its stages and jobs. */
export interface PipelineRow {
  values: PipelineValues;
  userId: number | null;
  /** The external pull request it ran for, by the branches that identify one in a project. */
  externalPullRequest: { sourceBranch: string; targetBranch: string } | null;
  stages: StageRow[];
  users: SourceUserRef[];
}

// What became a column or a row of its own. `merge_request`, `external_pull_request` and the older exports' `notes`
// stay in source_attributes whole and go back out as they came.
const COLUMNS = ["project_id", "iid", "ref", "sha", "before_sha", "tag", "source", "status", "yaml_errors", "duration", "started_at", "finished_at", "committed_at", "user_id", "protected", "pipeline_metadata", "stages", "created_at", "updated_at"] as const;
const STAGE_COLUMNS = ["project_id", "pipeline_id", "name", "position", "status", "statuses", "builds", "generic_commit_statuses", "bridges", "created_at", "updated_at"] as const;
// GitLab exports no traces, artifacts or job tokens; an older export that has them (the fixture's `trace`, `token`)
// keeps them out of Ferry too: a token is a secret, the others are what GitLab's own export leaves out.
const BUILD_DROPPED = ["trace", "token", "token_encrypted", "artifacts_file", "artifacts_file_store", "artifacts_metadata", "artifacts_metadata_store", "artifacts_size", "artifacts_expire_at"];
const BUILD_COLUMNS = [
  "project_id", "commit_id", "stage_id", "type", "name", "status", "stage", "stage_idx", "ref", "tag", "when", "allow_failure", "coverage", "started_at", "finished_at", "queued_at", "duration",
  "user_id", "description", "target_url", "options", "created_at", "updated_at", ...BUILD_DROPPED,
] as const;

/** The jobs of a stage, by the key the export nests them under: GitLab 16's three, and older exports' `statuses`. */
const JOB_LISTS: { field: string; type: CiBuildType | null }[] = [
  { field: "builds", type: "Ci::Build" },
  { field: "generic_commit_statuses", type: "GenericCommitStatus" },
  { field: "bridges", type: "Ci::Bridge" },
  // Older exports nest every commit status here, most without `type`: those are jobs (GitLab's CommitStatus rows of
  // that era were builds).
  { field: "statuses", type: null },
];

function statusOf(record: Record<string, unknown>): string {
  const status = requiredString(record, "status");
  if (!(CI_STATUSES as readonly string[]).includes(status)) throw new RecordError(`status ${status} is not a valid status`);
  return status;
}

/** A stage's status: the number GitLab's export gives (its enum), or a name; undefined when it is neither. */
function stageStatusName(value: unknown): string | undefined {
  if (typeof value === "number") return CI_STATUSES[value];
  return typeof value === "string" && (CI_STATUSES as readonly string[]).includes(value) ? value : undefined;
}

function optionalNumber(record: Record<string, unknown>, field: string): number | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== "number" || !Number.isFinite(value)) throw new RecordError(`${field} must be a number`);
  return value;
}

function buildOf(record: Record<string, unknown>, listType: CiBuildType | null, projectId: number, entityId: number, key: string): BuildRow {
  const type = listType ?? optionalString(record, "type") ?? "Ci::Build";
  if (!(CI_BUILD_TYPES as readonly string[]).includes(type)) throw new RecordError(`type ${type} is not a job type`);
  const options = record.options;
  if (options !== undefined && options !== null && (typeof options !== "object" || Array.isArray(options))) throw new RecordError("options must be a record");
  const columns = importColumns(record, entityId, key, BUILD_COLUMNS);
  return {
    values: {
      projectId,
      type: type as CiBuildType,
      name: requiredString(record, "name"),
      status: statusOf(record),
      stage: optionalString(record, "stage"),
      stageIdx: optionalInteger(record, "stage_idx"),
      ref: optionalString(record, "ref"),
      tag: optionalBoolean(record, "tag") ?? false,
      when: optionalString(record, "when"),
      allowFailure: optionalBoolean(record, "allow_failure") ?? false,
      coverage: optionalNumber(record, "coverage"),
      startedAt: optionalTimestamp(record, "started_at") ?? null,
      finishedAt: optionalTimestamp(record, "finished_at") ?? null,
      queuedAt: optionalTimestamp(record, "queued_at") ?? null,
      duration: optionalNumber(record, "duration"),
      description: optionalString(record, "description"),
      targetUrl: optionalString(record, "target_url"),
      options: (options as Record<string, unknown> | null | undefined) ?? null,
      ...columns,
    },
    userId: optionalUserId(record, "user_id"),
  };
}

function stageOf(record: Record<string, unknown>, index: number, projectId: number, entityId: number, pipelineKey: string): StageRow {
  const id = record.id;
  const key = `${pipelineKey}/stage:${typeof id === "number" || typeof id === "string" ? id : `#${index}`}`;
  const builds = JOB_LISTS.flatMap(({ field, type }) =>
    nestedList(record, field).map((job, i) =>
      within(`${field}[${i}]`, () => {
        const jobId = job.id;
        return buildOf(job, type, projectId, entityId, `${pipelineKey}/job:${typeof jobId === "number" || typeof jobId === "string" ? jobId : `#${index}.${field}.${i}`}`);
      }),
    ),
  );
  const rawStatus = record.status;
  const status = rawStatus === undefined || rawStatus === null ? null : stageStatusName(rawStatus);
  if (status === undefined) throw new RecordError(`status ${JSON.stringify(rawStatus)} is not a valid status`);
  // GitLab orders stages by position; an export that has none (older ones) gives the jobs' stage_idx, else the order.
  const indexes = builds.flatMap((build) => (build.values.stageIdx === null || build.values.stageIdx === undefined ? [] : [build.values.stageIdx]));
  const position = optionalInteger(record, "position") ?? (indexes.length > 0 ? Math.min(...indexes) : index);
  return {
    values: { projectId, name: requiredString(record, "name"), position, status, ...importColumns(record, entityId, key, STAGE_COLUMNS) },
    builds,
  };
}

/**
 * A record of GitLab's `ci_pipelines` export (`ci_pipelines: [stages: [:builds, :generic_commit_statuses, :bridges],
 * :external_pull_request, :merge_request, :pipeline_metadata]`), with its stages and their jobs.
 */
export function transformPipeline(record: Record<string, unknown>, entity: EntityContext, key: string): PipelineRow {
  const projectId = ownerOf(entity).projectId!;
  const iid = optionalInteger(record, "iid");
  if (iid !== null && iid < 1) throw new RecordError("iid must be a positive integer");
  const metadata = nestedRecord(record, "pipeline_metadata");
  const mergeRequest = nestedRecord(record, "merge_request");
  const externalPullRequest = nestedRecord(record, "external_pull_request");
  const stages = nestedList(record, "stages").map((stage, i) => within(`stages[${i}]`, () => stageOf(stage, i, projectId, entity.entityId, key)));
  const userId = optionalUserId(record, "user_id");
  const users: SourceUserRef[] = [...(userId === null ? [] : [{ id: userId }]), ...stages.flatMap((stage) => stage.builds.flatMap((build) => (build.userId === null ? [] : [{ id: build.userId }])))];
  return {
    values: {
      projectId,
      iid,
      ref: optionalString(record, "ref"),
      sha: requiredString(record, "sha"),
      beforeSha: optionalString(record, "before_sha"),
      tag: optionalBoolean(record, "tag") ?? false,
      source: optionalString(record, "source"),
      status: statusOf(record),
      yamlErrors: optionalString(record, "yaml_errors"),
      duration: optionalInteger(record, "duration"),
      startedAt: optionalTimestamp(record, "started_at") ?? null,
      finishedAt: optionalTimestamp(record, "finished_at") ?? null,
      committedAt: optionalTimestamp(record, "committed_at") ?? null,
      protected: optionalBoolean(record, "protected") ?? false,
      mergeRequestIid: mergeRequest ? within("merge_request", () => optionalInteger(mergeRequest, "iid")) : null,
      name: metadata ? within("pipeline_metadata", () => optionalString(metadata, "name")) : null,
      ...importColumns(record, entity.entityId, key, COLUMNS),
    },
    userId,
    externalPullRequest: externalPullRequest
      ? within("external_pull_request", () => ({ sourceBranch: requiredString(externalPullRequest, "source_branch"), targetBranch: requiredString(externalPullRequest, "target_branch") }))
      : null,
    stages,
    users,
  };
}
