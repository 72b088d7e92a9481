import { randomUUID } from "node:crypto";
import os from "node:os";
import type PgBoss from "pg-boss";
import { getPool } from "@/lib/db";
import { logger } from "@/lib/log";
import { underQueueSetupLock } from "./setup-lock";
import { announceJob } from "./wake";

// A reclaimed job is retried after pg-boss's first backoff (2 to 4 s for the import queues): wake workers then.
const RECLAIMED_RETRY_SECONDS = 4;

// A lease is renewed this often while its job runs, and taken back from a worker silent for this long.
const HEARTBEAT_MS = 10_000;
const LOST_AFTER_SECONDS = 45;
// A worker takes its lease right after pg-boss hands it the job (milliseconds later): an active job still without a
// lease after this long belongs to a worker that died in between.
const UNLEASED_AFTER_SECONDS = 20;

/** This process, as its leases name it: a host and pid tell a dead local predecessor at once. */
const self = { id: randomUUID(), host: os.hostname(), pid: process.pid };

/**
 * Job leases: which worker process runs which job, renewed by a heartbeat. pg-boss only retries a job held by a
 * dead worker once the job's whole expiry has passed (15 minutes by default); with leases, a restarted `npm start`
 * takes back what its killed predecessor held at once (same host, process gone), and any worker takes back a silent
 * peer's jobs within a minute. Reclaiming is pg-boss's own `fail`, so a job's retry count and limit still hold.
 * The table lives in the queue's schema (FERRY_QUEUE_SCHEMA), created with the queue, since it belongs to it.
 */
export class JobLeases {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly boss: PgBoss,
    private readonly schema: string,
  ) {}

  private table(): string {
    return `"${this.schema.replaceAll('"', '""')}".ferry_job_lease`;
  }

  // The application's pool, not pg-boss's few connections: those stay free for fetching jobs.
  private sql(text: string, values: unknown[] = []) {
    return getPool().query(text, values);
  }

  async create(): Promise<void> {
    await underQueueSetupLock(() => this.createTable());
  }

  private async createTable(): Promise<void> {
    await this.sql(`CREATE TABLE IF NOT EXISTS ${this.table()} (
      job_id uuid PRIMARY KEY,
      queue text NOT NULL,
      worker text NOT NULL,
      host text NOT NULL,
      pid integer NOT NULL,
      heartbeat_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async take(queue: string, jobId: string): Promise<void> {
    await this.sql(
      `INSERT INTO ${this.table()} (job_id, queue, worker, host, pid) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (job_id) DO UPDATE SET worker = $3, host = $4, pid = $5, heartbeat_at = now()`,
      [jobId, queue, self.id, self.host, self.pid],
    );
  }

  async release(jobId: string): Promise<void> {
    await this.sql(`DELETE FROM ${this.table()} WHERE job_id = $1 AND worker = $2`, [jobId, self.id]);
  }

  /** Renews this process's leases and takes back lost ones, now and then every few seconds. */
  start(): void {
    const tick = async () => {
      await this.sql(`UPDATE ${this.table()} SET heartbeat_at = now() WHERE worker = $1`, [self.id]);
      await this.reclaim();
    };
    this.timer = setInterval(() => void tick().catch((error) => logger.warn({ err: error }, "job lease heartbeat failed")), HEARTBEAT_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Gives the jobs of dead workers back to the queue: pg-boss retries them (or fails them past their limit). */
  async reclaim(): Promise<number> {
    const { rows } = (await this.sql(
      `SELECT job_id, queue, worker, host, pid, heartbeat_at < now() - make_interval(secs => $2) AS silent
         FROM ${this.table()} WHERE worker <> $1`,
      [self.id, LOST_AFTER_SECONDS],
    )) as { rows: { job_id: string; queue: string; host: string; pid: number; silent: boolean }[] };
    let reclaimed = 0;
    for (const lease of rows) {
      const dead = lease.silent || (lease.host === self.host && (lease.pid === self.pid || !processAlive(lease.pid)));
      if (!dead) continue;
      await this.boss.fail(lease.queue, lease.job_id, { message: "the worker running this job stopped" });
      await announceJob(undefined, lease.queue, RECLAIMED_RETRY_SECONDS);
      await this.sql(`DELETE FROM ${this.table()} WHERE job_id = $1`, [lease.job_id]);
      reclaimed += 1;
    }
    reclaimed += await this.reclaimUnleased();
    if (reclaimed > 0) logger.warn({ reclaimed }, "took back jobs of stopped workers");
    return reclaimed;
  }

  /** Active jobs that never got a lease: their worker was killed between taking the job and leasing it. */
  private async reclaimUnleased(): Promise<number> {
    const jobs = `"${this.schema.replaceAll('"', '""')}".job`;
    const { rows } = (await this.sql(
      `SELECT j.id, j.name FROM ${jobs} j
        WHERE j.state = 'active' AND j.started_on < now() - make_interval(secs => $1)
          AND NOT EXISTS (SELECT 1 FROM ${this.table()} l WHERE l.job_id = j.id)`,
      [UNLEASED_AFTER_SECONDS],
    )) as { rows: { id: string; name: string }[] };
    for (const job of rows) {
      await this.boss.fail(job.name, job.id, { message: "the worker that took this job stopped before running it" });
      await announceJob(undefined, job.name, RECLAIMED_RETRY_SECONDS);
    }
    return rows.length;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
