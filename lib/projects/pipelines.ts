import { and, asc, count, desc, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import { type CiBuildType, ciBuilds, ciPipelines, ciStages, getDb, notes, users } from "@/lib/db";

/** Ferry runs no CI: every pipeline and job is one a source ran, imported with its status and times. */

export interface CiUser {
  id: number;
  username: string;
  name: string;
  state: "active" | "blocked";
}

type PipelineRow = typeof ciPipelines.$inferSelect;
export type Pipeline = Omit<PipelineRow, "userId" | "importEntityId" | "importKey"> & { user: CiUser | null };

type BuildRow = typeof ciBuilds.$inferSelect;
export type Job = Omit<BuildRow, "userId" | "importEntityId" | "importKey"> & {
  user: CiUser | null;
  /** Seconds it ran: its own `duration`, else from its start and finish. */
  runSeconds: number | null;
  /** Seconds it waited for a runner, from queued to started. */
  queuedSeconds: number | null;
  pipeline: Pick<PipelineRow, "id" | "iid" | "projectId" | "sha" | "ref" | "status" | "source" | "createdAt" | "updatedAt">;
};

export interface PipelineStage {
  id: number;
  name: string;
  status: string | null;
  jobs: Job[];
}

const userColumns = { id: users.id, username: users.username, name: users.name, state: users.state };
const withUser = <T extends { userId: number | null; importEntityId: number | null; importKey: string | null }>(row: T, user: CiUser | null) => {
  const { userId: _user, importEntityId: _entity, importKey: _key, ...rest } = row;
  void [_user, _entity, _key];
  return { ...rest, user: user && user.id !== null ? user : null };
};

/** GitLab's `scope` of a pipelines list. */
export const PIPELINE_SCOPES = ["running", "pending", "finished", "branches", "tags"] as const;
export type PipelineScope = (typeof PIPELINE_SCOPES)[number];
export const PIPELINE_ORDERS = ["id", "status", "ref", "updated_at", "user_id"] as const;
export type PipelineOrder = (typeof PIPELINE_ORDERS)[number];
const FINISHED = ["success", "failed", "canceled", "skipped"];

export interface PipelineFilters {
  scope?: PipelineScope;
  status?: string;
  ref?: string;
  sha?: string;
  source?: string;
  username?: string;
  name?: string;
  /** The pipelines of one merge request (its iid in the project): GET .../merge_requests/:iid/pipelines. */
  mergeRequestIid?: number;
  orderBy?: PipelineOrder;
  sort?: "asc" | "desc";
  page: number;
  perPage: number;
}

const ORDER_COLUMNS = { id: ciPipelines.id, status: ciPipelines.status, ref: ciPipelines.ref, updated_at: ciPipelines.updatedAt, user_id: ciPipelines.userId };

/** The newest pipeline of each branch (or tag), GitLab's `branches` and `tags` scopes; on (project, ref, id). */
const latestPerRef = (projectId: number, tag: boolean) =>
  sql`${ciPipelines.id} IN (SELECT max(p.id) FROM ci_pipelines p WHERE p.project_id = ${projectId} AND p.tag = ${tag} AND p.ref IS NOT NULL GROUP BY p.ref)`;

function pipelineWhere(projectId: number, filters: PipelineFilters): SQL {
  const where: SQL[] = [eq(ciPipelines.projectId, projectId)];
  if (filters.scope === "running" || filters.scope === "pending") where.push(eq(ciPipelines.status, filters.scope));
  if (filters.scope === "finished") where.push(inArray(ciPipelines.status, FINISHED));
  if (filters.scope === "branches") where.push(latestPerRef(projectId, false));
  if (filters.scope === "tags") where.push(latestPerRef(projectId, true));
  if (filters.status) where.push(eq(ciPipelines.status, filters.status));
  if (filters.ref) where.push(eq(ciPipelines.ref, filters.ref));
  if (filters.sha) where.push(eq(ciPipelines.sha, filters.sha));
  if (filters.source) where.push(eq(ciPipelines.source, filters.source));
  if (filters.name) where.push(eq(ciPipelines.name, filters.name));
  if (filters.mergeRequestIid !== undefined) where.push(eq(ciPipelines.mergeRequestIid, filters.mergeRequestIid));
  if (filters.username) where.push(sql`${ciPipelines.userId} = (SELECT id FROM users WHERE username = ${filters.username})`);
  return and(...where)!;
}

/** A page of the project's pipelines, newest first unless asked otherwise (the pipelines page, GET /projects/:id/pipelines). */
export async function listPipelines(projectId: number, filters: PipelineFilters): Promise<{ rows: Pipeline[]; total: number }> {
  const where = pipelineWhere(projectId, filters);
  const direction = filters.sort === "asc" ? asc : desc;
  const order = ORDER_COLUMNS[filters.orderBy ?? "id"];
  const db = getDb();
  const [rows, [total]] = await Promise.all([
    db
      .select({ pipeline: ciPipelines, user: userColumns })
      .from(ciPipelines)
      .leftJoin(users, eq(users.id, ciPipelines.userId))
      .where(where)
      .orderBy(direction(order), direction(ciPipelines.id))
      .limit(filters.perPage)
      .offset((filters.page - 1) * filters.perPage),
    db.select({ n: count() }).from(ciPipelines).where(where),
  ]);
  return { rows: rows.map((row) => withUser(row.pipeline, row.user as CiUser | null)), total: total?.n ?? 0 };
}

export async function findPipeline(projectId: number, id: number): Promise<Pipeline | undefined> {
  const [row] = await getDb()
    .select({ pipeline: ciPipelines, user: userColumns })
    .from(ciPipelines)
    .leftJoin(users, eq(users.id, ciPipelines.userId))
    .where(and(eq(ciPipelines.projectId, projectId), eq(ciPipelines.id, id)));
  return row && withUser(row.pipeline, row.user as CiUser | null);
}

/** The stages of these pipelines (name and status, in order), for the badges of the pipelines page. */
export async function stagesOf(pipelineIds: readonly number[]): Promise<Map<number, { name: string; status: string | null }[]>> {
  const byPipeline = new Map<number, { name: string; status: string | null }[]>();
  if (pipelineIds.length === 0) return byPipeline;
  const rows = await getDb()
    .select({ pipelineId: ciStages.pipelineId, name: ciStages.name, status: ciStages.status })
    .from(ciStages)
    .where(inArray(ciStages.pipelineId, [...pipelineIds]))
    .orderBy(asc(ciStages.pipelineId), asc(ciStages.position), asc(ciStages.id));
  for (const row of rows) byPipeline.set(row.pipelineId, [...(byPipeline.get(row.pipelineId) ?? []), { name: row.name, status: row.status }]);
  return byPipeline;
}

const seconds = (from: Date | null, to: Date | null) => (from && to ? (to.getTime() - from.getTime()) / 1000 : null);

const pipelineColumns = {
  id: ciPipelines.id, iid: ciPipelines.iid, projectId: ciPipelines.projectId, sha: ciPipelines.sha, ref: ciPipelines.ref, status: ciPipelines.status, source: ciPipelines.source, createdAt: ciPipelines.createdAt, updatedAt: ciPipelines.updatedAt,
};

function jobOf(row: { job: BuildRow; user: CiUser | null; pipeline: Job["pipeline"] }): Job {
  return {
    ...withUser(row.job, row.user),
    runSeconds: row.job.duration ?? seconds(row.job.startedAt, row.job.finishedAt),
    queuedSeconds: seconds(row.job.queuedAt, row.job.startedAt),
    pipeline: row.pipeline,
  };
}

const jobQuery = () =>
  getDb().select({ job: ciBuilds, user: userColumns, pipeline: pipelineColumns }).from(ciBuilds).innerJoin(ciPipelines, eq(ciPipelines.id, ciBuilds.pipelineId)).leftJoin(users, eq(users.id, ciBuilds.userId));

export interface JobFilters {
  /** One pipeline's jobs, else the project's. */
  pipelineId?: number;
  types: readonly CiBuildType[];
  /** GitLab's `scope`: the statuses to show; all when empty. */
  statuses: readonly string[];
  page: number;
  perPage: number;
}

/** A page of jobs, newest first (GET /projects/:id/jobs, /pipelines/:id/jobs and /bridges); on (project|pipeline, type, id). */
export async function listJobs(projectId: number, filters: JobFilters): Promise<{ rows: Job[]; total: number }> {
  const where = and(
    eq(ciBuilds.projectId, projectId),
    filters.pipelineId === undefined ? undefined : eq(ciBuilds.pipelineId, filters.pipelineId),
    inArray(ciBuilds.type, [...filters.types]),
    filters.statuses.length > 0 ? inArray(ciBuilds.status, [...filters.statuses]) : undefined,
  )!;
  const [rows, [total]] = await Promise.all([
    jobQuery().where(where).orderBy(desc(ciBuilds.id)).limit(filters.perPage).offset((filters.page - 1) * filters.perPage),
    getDb().select({ n: count() }).from(ciBuilds).where(where),
  ]);
  return { rows: rows.map((row) => jobOf(row as Parameters<typeof jobOf>[0])), total: total?.n ?? 0 };
}

export async function findJob(projectId: number, id: number, types: readonly CiBuildType[] = ["Ci::Build", "Ci::Bridge"]): Promise<Job | undefined> {
  const [row] = await jobQuery().where(and(eq(ciBuilds.projectId, projectId), eq(ciBuilds.id, id), inArray(ciBuilds.type, [...types])));
  return row && jobOf(row as Parameters<typeof jobOf>[0]);
}

/** A pipeline's stages in order, each with its jobs (every kind), for the pipeline page. */
export async function pipelineStages(pipelineId: number): Promise<PipelineStage[]> {
  const [stages, jobs] = await Promise.all([
    getDb().select().from(ciStages).where(eq(ciStages.pipelineId, pipelineId)).orderBy(asc(ciStages.position), asc(ciStages.id)),
    jobQuery().where(eq(ciBuilds.pipelineId, pipelineId)).orderBy(asc(ciBuilds.name), asc(ciBuilds.id)),
  ]);
  const byStage = new Map<number | null, Job[]>();
  for (const row of jobs) {
    const job = jobOf(row as Parameters<typeof jobOf>[0]);
    byStage.set(job.stageId, [...(byStage.get(job.stageId) ?? []), job]);
  }
  return stages.map((stage) => ({ id: stage.id, name: stage.name, status: stage.status, jobs: byStage.get(stage.id) ?? [] }));
}

export interface CommitStatusFilters {
  ref?: string;
  stage?: string;
  name?: string;
  page: number;
  perPage: number;
}

/** The jobs and external statuses of the pipelines of a commit (GET .../repository/commits/:sha/statuses), newest first. */
export async function commitStatuses(projectId: number, sha: string, filters: CommitStatusFilters): Promise<{ rows: Job[]; total: number }> {
  const where = and(
    eq(ciPipelines.projectId, projectId),
    eq(ciPipelines.sha, sha),
    inArray(ciBuilds.type, ["Ci::Build", "GenericCommitStatus"]),
    filters.ref ? eq(ciPipelines.ref, filters.ref) : undefined,
    filters.stage ? eq(ciBuilds.stage, filters.stage) : undefined,
    filters.name ? eq(ciBuilds.name, filters.name) : undefined,
  )!;
  const [rows, [total]] = await Promise.all([
    jobQuery().where(where).orderBy(desc(ciBuilds.id)).limit(filters.perPage).offset((filters.page - 1) * filters.perPage),
    getDb().select({ n: count() }).from(ciBuilds).innerJoin(ciPipelines, eq(ciPipelines.id, ciBuilds.pipelineId)).where(where),
  ]);
  return { rows: rows.map((row) => jobOf(row as Parameters<typeof jobOf>[0])), total: total?.n ?? 0 };
}

export interface CommitNote {
  id: number;
  note: string;
  createdAt: Date;
  author: CiUser | null;
  sourceAttributes: Record<string, unknown>;
}

/** A commit's comments, oldest first (its page, GET .../repository/commits/:sha/comments); on notes_commit_idx. */
export async function commitNotes(projectId: number, sha: string, page: { page: number; perPage: number }): Promise<{ rows: CommitNote[]; total: number }> {
  const where = and(eq(notes.projectId, projectId), isNotNull(notes.commitId), eq(notes.commitId, sha), eq(notes.system, false))!;
  const [rows, [total]] = await Promise.all([
    getDb()
      .select({ id: notes.id, note: notes.note, createdAt: notes.createdAt, sourceAttributes: notes.sourceAttributes, author: userColumns })
      .from(notes)
      .leftJoin(users, eq(users.id, notes.authorId))
      .where(where)
      .orderBy(asc(notes.id))
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage),
    getDb().select({ n: count() }).from(notes).where(where),
  ]);
  return { rows: rows.map((row) => ({ ...row, author: row.author && row.author.id !== null ? (row.author as CiUser) : null })), total: total?.n ?? 0 };
}
