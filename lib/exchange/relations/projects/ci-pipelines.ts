import { and, asc, eq } from "drizzle-orm";
import { CI_STATUSES, ciBuilds, ciPipelines, ciStages, getDb } from "@/lib/db";
import { mergedRecord, type RecordPart } from "../support/merged-record";
import { anyOf, groupBy } from "../support/note-records";
import { iso } from "../support/record-ids";
import type { CollectionRelation, ExportRecord } from "../support/types";

type Pipeline = typeof ciPipelines.$inferSelect;
type Stage = typeof ciStages.$inferSelect;
type Build = typeof ciBuilds.$inferSelect;

// Where each kind of job goes in a stage of GitLab's export (`stages: [:builds, :generic_commit_statuses, :bridges]`).
const JOB_LIST: Record<Build["type"], string> = { "Ci::Build": "builds", GenericCommitStatus: "generic_commit_statuses", "Ci::Bridge": "bridges" };

/** The source's extra fields first, Ferry's columns over them (they are what Ferry shows and the API gives), then `after`. */
const over = (attributes: Record<string, unknown>, columns: ExportRecord, ...after: RecordPart[]): ExportRecord => mergedRecord(columns, attributes, columns, ...after);

function buildRecord(build: Build): ExportRecord {
  return over(build.sourceAttributes, {
    id: build.id,
    project_id: build.projectId,
    status: build.status,
    finished_at: iso(build.finishedAt),
    created_at: iso(build.createdAt),
    updated_at: iso(build.updatedAt),
    started_at: iso(build.startedAt),
    queued_at: iso(build.queuedAt),
    coverage: build.coverage,
    commit_id: build.pipelineId,
    name: build.name,
    options: build.options,
    allow_failure: build.allowFailure,
    stage: build.stage,
    stage_idx: build.stageIdx,
    stage_id: build.stageId,
    tag: build.tag,
    ref: build.ref,
    user_id: build.userId,
    type: build.type,
    target_url: build.targetUrl,
    description: build.description,
    when: build.when,
    ...(build.duration === null ? {} : { duration: build.duration }),
  });
}

function stageRecord(stage: Stage, builds: readonly Build[]): ExportRecord {
  const lists = Object.fromEntries(Object.entries(JOB_LIST).map(([type, field]) => [field, builds.filter((build) => build.type === type).map(buildRecord)]));
  return over(
    stage.sourceAttributes,
    {
      id: stage.id,
      project_id: stage.projectId,
      pipeline_id: stage.pipelineId,
      name: stage.name,
      // GitLab's export gives a stage's status as its enum number.
      status: stage.status === null ? null : CI_STATUSES.indexOf(stage.status as (typeof CI_STATUSES)[number]),
      position: stage.position,
      created_at: iso(stage.createdAt),
      updated_at: iso(stage.updatedAt),
    },
    lists,
  );
}

function pipelineRecord(pipeline: Pipeline, stages: readonly Stage[], builds: Map<number, Build[]>): ExportRecord {
  const { pipeline_metadata: metadata, ...attributes } = pipeline.sourceAttributes;
  return over(
    attributes,
    {
      id: pipeline.id,
      iid: pipeline.iid,
      project_id: pipeline.projectId,
      ref: pipeline.ref,
      sha: pipeline.sha,
      before_sha: pipeline.beforeSha,
      created_at: iso(pipeline.createdAt),
      updated_at: iso(pipeline.updatedAt),
      tag: pipeline.tag,
      yaml_errors: pipeline.yamlErrors,
      committed_at: iso(pipeline.committedAt),
      status: pipeline.status,
      started_at: iso(pipeline.startedAt),
      finished_at: iso(pipeline.finishedAt),
      user_id: pipeline.userId,
      duration: pipeline.duration,
      source: pipeline.source,
      protected: pipeline.protected,
    },
    pipeline.name !== null && { pipeline_metadata: mergedRecord(metadata as RecordPart, { project_id: pipeline.projectId, pipeline_id: pipeline.id, name: pipeline.name }) },
    { stages: stages.map((stage) => stageRecord(stage, builds.get(stage.id) ?? [])) },
  );
}

/**
 * A project's pipelines as GitLab's project export writes them (`ci_pipelines: [stages: [:builds,
 * :generic_commit_statuses, :bridges], :external_pull_request, :merge_request, :pipeline_metadata]`), with Ferry's
 * ids and users; a merge request and an external pull request go back out as the source sent them. Three queries a
 * batch.
 */
export const ciPipelinesRelation: CollectionRelation = {
  kind: "collection",
  name: "ci_pipelines",
  async ids(projectId) {
    const rows = await getDb().select({ id: ciPipelines.id }).from(ciPipelines).where(eq(ciPipelines.projectId, projectId));
    return rows.map((row) => row.id).sort((a, b) => a - b);
  },
  async records(projectId, ids) {
    const db = getDb();
    const pipelines = await db.select().from(ciPipelines).where(and(eq(ciPipelines.projectId, projectId), anyOf(ciPipelines.id, ids))).orderBy(asc(ciPipelines.id));
    const found = pipelines.map((pipeline) => pipeline.id);
    if (found.length === 0) return [];
    const [stages, builds] = await Promise.all([
      db.select().from(ciStages).where(anyOf(ciStages.pipelineId, found)).orderBy(asc(ciStages.position), asc(ciStages.id)),
      db.select().from(ciBuilds).where(anyOf(ciBuilds.pipelineId, found)).orderBy(asc(ciBuilds.id)),
    ]);
    const stagesOf = groupBy(stages, (stage) => stage.pipelineId);
    const buildsOf = groupBy(builds.filter((build) => build.stageId !== null), (build) => build.stageId!);
    return pipelines.map((pipeline) => pipelineRecord(pipeline, stagesOf.get(pipeline.id) ?? [], buildsOf));
  },
};
