import { and, asc, count, eq, type SQL } from "drizzle-orm";
import { getDb, pipelineSchedules, users } from "@/lib/db";
import { nextCronRun } from "./cron";

export interface PipelineSchedule {
  id: number;
  description: string;
  ref: string | null;
  cron: string;
  cronTimezone: string;
  /** When it runs next: from its cron as of now (Ferry runs no pipelines, so nothing else moves it on). */
  nextRunAt: Date | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  owner: { id: number; username: string; name: string; state: "active" | "blocked"; userType: string } | null;
  /** What the source sent beyond the columns (`variables` among them). */
  sourceAttributes: Record<string, unknown>;
}

type Row = typeof pipelineSchedules.$inferSelect;
type Owner = PipelineSchedule["owner"];

function schedule(row: Row, owner: Owner, now: Date): PipelineSchedule {
  return {
    id: row.id,
    description: row.description,
    ref: row.ref,
    cron: row.cron,
    cronTimezone: row.cronTimezone,
    nextRunAt: nextCronRun(row.cron, row.cronTimezone, now) ?? row.nextRunAt,
    active: row.active,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    owner,
    sourceAttributes: row.sourceAttributes,
  };
}

const ownerColumns = { id: users.id, username: users.username, name: users.name, state: users.state, userType: users.userType };

/** GitLab's `scope`: all, or only the active or inactive ones. */
export type ScheduleScope = "active" | "inactive" | undefined;

/** A page of the project's pipeline schedules, by id (the schedules page and GET /projects/:id/pipeline_schedules). */
export async function listPipelineSchedules(projectId: number, options: { scope?: ScheduleScope; page: number; perPage: number }): Promise<{ rows: PipelineSchedule[]; total: number }> {
  const where: SQL[] = [eq(pipelineSchedules.projectId, projectId)];
  if (options.scope) where.push(eq(pipelineSchedules.active, options.scope === "active"));
  const db = getDb();
  const [rows, [total]] = await Promise.all([
    db
      .select({ schedule: pipelineSchedules, owner: ownerColumns })
      .from(pipelineSchedules)
      .leftJoin(users, eq(users.id, pipelineSchedules.ownerId))
      .where(and(...where))
      .orderBy(asc(pipelineSchedules.id))
      .limit(options.perPage)
      .offset((options.page - 1) * options.perPage),
    db.select({ n: count() }).from(pipelineSchedules).where(and(...where)),
  ]);
  const now = new Date();
  return { rows: rows.map((row) => schedule(row.schedule, row.owner, now)), total: total?.n ?? 0 };
}

export async function findPipelineSchedule(projectId: number, id: number): Promise<PipelineSchedule | undefined> {
  const [row] = await getDb()
    .select({ schedule: pipelineSchedules, owner: ownerColumns })
    .from(pipelineSchedules)
    .leftJoin(users, eq(users.id, pipelineSchedules.ownerId))
    .where(and(eq(pipelineSchedules.projectId, projectId), eq(pipelineSchedules.id, id)));
  return row && schedule(row.schedule, row.owner, new Date());
}
