import { and, eq, inArray } from "drizzle-orm";
import { ciBuilds, ciPipelines, ciStages, externalPullRequests, type Tx } from "@/lib/db";
import { RecordError } from "../../errors";
import { mapSourceUsers, prepareSourceUsers } from "../../source-users";
import { insertNew } from "../support/insert-by-import-key";
import { ownerOf, ownerScope } from "../support/owner";
import { sourceWebUrl } from "../support/source-urls";
import type { EntityContext, NdjsonPipeline } from "../support/types";
import { transformPipeline, type PipelineRow } from "./ci-pipelines-transform";

const branchesKey = (source: string, target: string) => JSON.stringify([source, target]);

/** The project's external pull requests (imported in stage 4) by their branch pair, GitLab's unique key of one. */
async function externalPullRequestIds(tx: Tx, projectId: number, rows: PipelineRow[]): Promise<Map<string, number>> {
  const wanted = rows.flatMap((row) => (row.externalPullRequest ? [row.externalPullRequest.sourceBranch] : []));
  if (wanted.length === 0) return new Map();
  const found = await tx
    .select({ id: externalPullRequests.id, sourceBranch: externalPullRequests.sourceBranch, targetBranch: externalPullRequests.targetBranch })
    .from(externalPullRequests)
    .where(and(eq(externalPullRequests.projectId, projectId), inArray(externalPullRequests.sourceBranch, [...new Set(wanted)])));
  return new Map(found.map((row) => [branchesKey(row.sourceBranch, row.targetBranch), row.id]));
}

/**
 * GitLab's "Iid has already been taken", said before the insert rather than as the unique index's error: another
 * pipeline of the project (or of the chunk) has the iid. The same record loaded before (a replay) is no conflict.
 */
async function refuseTakenIids(tx: Tx, projectId: number, rows: PipelineRow[], entityId: number): Promise<void> {
  const iids = rows.flatMap((row) => (row.values.iid === null || row.values.iid === undefined ? [] : [row.values.iid]));
  if (iids.length === 0) return;
  const taken = await tx
    .select({ iid: ciPipelines.iid, entityId: ciPipelines.importEntityId, key: ciPipelines.importKey })
    .from(ciPipelines)
    .where(and(eq(ciPipelines.projectId, projectId), inArray(ciPipelines.iid, iids)));
  const owners = new Map(taken.map((row) => [row.iid, row.entityId === entityId ? row.key : null]));
  for (const row of rows) {
    const iid = row.values.iid;
    if (iid === null || iid === undefined) continue;
    if (owners.has(iid) && owners.get(iid) !== row.values.importKey) throw new RecordError(`iid ${iid} has already been taken`);
    owners.set(iid, row.values.importKey);
  }
}

/**
 * Loads a chunk of pipelines in one transaction: maps their users, links their external pull requests, inserts the
 * pipelines not imported yet (by import key) and, for those only, their stages and jobs, so a replayed chunk inserts
 * nothing. A pipeline whose iid the project has already is a unique violation the runner makes its one failure.
 */
async function loadPipelines(tx: Tx, rows: PipelineRow[], entity: EntityContext): Promise<void> {
  const owner = ownerOf(entity);
  const scope = await ownerScope(tx, owner);
  const mapped = await mapSourceUsers(tx, { sourceUrl: entity.sourceUrl, rootGroupId: scope.groupIds[0]! }, rows.flatMap((row) => row.users));
  const user = (id: number | null) => (id === null ? null : (mapped.get(id) ?? null));
  await refuseTakenIids(tx, owner.projectId!, rows, entity.entityId);
  const pullRequests = await externalPullRequestIds(tx, owner.projectId!, rows);
  const pipelineIds = await insertNew(
    tx,
    ciPipelines,
    rows.map((row) => Object.assign({}, row.values, {
      userId: user(row.userId),
      externalPullRequestId: row.externalPullRequest ? (pullRequests.get(branchesKey(row.externalPullRequest.sourceBranch, row.externalPullRequest.targetBranch)) ?? null) : null,
    })),
    { ids: true },
  );
  const fresh = rows.flatMap((row) => {
    const id = pipelineIds.get(row.values.importKey);
    return id === undefined ? [] : [{ row, id }];
  });
  const stages = fresh.flatMap(({ row, id }) => row.stages.map((stage) => ({ stage, pipelineId: id })));
  const stageIds = await insertNew(
    tx,
    ciStages,
    stages.map(({ stage, pipelineId }) => Object.assign({}, stage.values, { pipelineId })),
    { ids: true },
  );
  await insertNew(
    tx,
    ciBuilds,
    stages.flatMap(({ stage, pipelineId }) => stage.builds.map((build) => Object.assign({}, build.values, { pipelineId, stageId: stageIds.get(stage.values.importKey) ?? null, userId: user(build.userId) }))),
  );
}

/**
 * Stage 5: the project's CI pipelines (GitLab's CiPipelinesPipeline) with their stages, jobs, external statuses and
 * trigger jobs, users mapped to accounts or placeholders. The merge request a pipeline ran for is kept as its iid until
 * merge requests are imported; traces and artifacts are not in GitLab's export.
 */
export const ciPipelinesPipeline: NdjsonPipeline<PipelineRow> = {
  kind: "ndjson",
  relation: "ci_pipelines",
  transform: transformPipeline,
  load: loadPipelines,
  iids: { table: ciPipelines, of: (row) => row.values.iid ?? null },
  prepare: (rows, { entity, client }) => prepareSourceUsers(client, entity, rows.flatMap((row) => row.users)),
  titleOf: (record) => (typeof record.ref === "string" ? record.ref : typeof record.sha === "string" ? record.sha : undefined),
  sourceUrlOf: (record, entity) => (typeof record.id === "number" ? sourceWebUrl(entity, `pipelines/${record.id}`) : undefined),
};
