import PgBoss from "pg-boss";
import { getConfig } from "@/lib/config";
import { getDatabaseUrl } from "@/lib/db";
import { logger } from "@/lib/log";
import { underQueueSetupLock } from "./setup-lock";
import { announceJob } from "./wake";
import { queueDefinitions, type JobName, type JobPayloads } from "./names";

/** The Postgres schema of the job queue (FERRY_QUEUE_SCHEMA): separate schemas keep separate queues in one database. */
export const queueSchema = () => getConfig().FERRY_QUEUE_SCHEMA;

interface BossState {
  boss?: Promise<PgBoss>;
  role?: "producer" | "worker";
}

const state: BossState = ((globalThis as { __ferryBoss?: BossState }).__ferryBoss ??= {});

/**
 * The process's pg-boss instance. A producer (the web server) only sends; a worker process also supervises the
 * queue (maintenance, schedules). Queues are created on start so that a send never races their creation.
 */
export function getBoss(role: "producer" | "worker" = "producer"): Promise<PgBoss> {
  if (state.boss && state.role === "producer" && role === "worker") {
    throw new Error("this process already started pg-boss as a producer");
  }
  state.role ??= role;
  state.boss ??= (async () => {
    const boss = new PgBoss({
      connectionString: getDatabaseUrl(),
      schema: queueSchema(),
      max: role === "worker" ? 4 : 2,
      supervise: role === "worker",
      schedule: role === "worker",
      maintenanceIntervalSeconds: getConfig().FERRY_QUEUE_MAINTENANCE_SECONDS,
      application_name: `ferry-${role}`,
    });
    boss.on("error", (error) => logger.error({ err: error }, "job queue error"));
    await underQueueSetupLock(() => boss.start());
    for (const queue of Object.values(queueDefinitions())) {
      // Two processes starting at once may both try to create a queue; the loser's error is harmless. A queue that
      // exists takes today's configuration (retries, expiry), not the one of its first creation.
      if (!(await boss.getQueue(queue.name))) await boss.createQueue(queue.name, queue).catch(() => undefined);
      else await boss.updateQueue(queue.name, queue);
    }
    return boss;
  })();
  return state.boss;
}

// Worker loops of this process by queue: pg-boss polls every interval, so a job sent here would wait up to that
// long even with a loop idle in the same process. Waking the local loops hands it over at once; other
// processes still find it on their next poll.
const localWorkers = new Map<string, Set<string>>();

export function registerLocalWorker(queue: string, workerId: string): void {
  if (!localWorkers.has(queue)) localWorkers.set(queue, new Set());
  localWorkers.get(queue)!.add(workerId);
}

export async function wakeLocalWorkers(queue: string): Promise<void> {
  const ids = localWorkers.get(queue);
  if (!ids?.size || !state.boss) return;
  const boss = await state.boss;
  for (const id of ids) boss.notifyWorker(id);
}

const delayOf = (options: PgBoss.SendOptions) => (typeof options.startAfter === "number" ? options.startAfter : 0);

export async function enqueue<N extends JobName>(name: N, data: JobPayloads[N], options: PgBoss.SendOptions = {}): Promise<string | null> {
  const boss = await getBoss();
  const id = await boss.send(name, data as object, options);
  if (id) {
    if (!options.startAfter) await wakeLocalWorkers(name);
    await announceJob(undefined, name, delayOf(options));
  }
  return id;
}

/** Sends many jobs of one queue in one statement (a relation's batches: hundreds), and wakes the workers once. */
export async function enqueueMany<N extends JobName>(name: N, payloads: readonly JobPayloads[N][]): Promise<void> {
  if (payloads.length === 0) return;
  const boss = await getBoss();
  await boss.insert(payloads.map((data) => ({ name, data: data as object })));
  await wakeLocalWorkers(name);
  await announceJob(undefined, name);
}

/**
 * Sends a job inside the caller's transaction (`db`: the transaction as an executor), so that a state change and
 * the job that carries it on commit together: a crash between the two can no longer leave a state that nothing
 * moves on. Local workers are woken once the caller has committed (`wakeLocalWorkers`).
 */
export async function enqueueIn<N extends JobName>(db: PgBoss.Db, name: N, data: JobPayloads[N], options: PgBoss.SendOptions = {}): Promise<string | null> {
  const boss = await getBoss();
  const id = await boss.send(name, data as object, { ...options, db });
  if (id) await announceJob(db, name, delayOf(options));
  return id;
}

/**
 * Whether an earlier delivery of `job`'s key is still running in its queue. On a `short` queue a nudge may start
 * beside its key's running job: a handler whose work is long (a download) leaves it to the earlier delivery, which
 * finishes it or, if its worker dies, is given back to the queue (leases.ts) and runs again.
 */
export async function earlierDeliveryRunning(job: Pick<PgBoss.JobWithMetadata, "id" | "name" | "singletonKey">): Promise<boolean> {
  if (job.singletonKey === null) return false;
  const boss = await getBoss();
  const table = `${queueSchema()}.job`;
  const result = (await boss.getDb().executeSql(
    `SELECT EXISTS (
       SELECT 1 FROM ${table} other, ${table} mine
       WHERE mine.name = $1 AND mine.id = $2 AND other.name = $1 AND other.singleton_key = $3 AND other.state = 'active'
         AND (other.started_on, other.id) < (mine.started_on, mine.id)
     ) AS running`,
    [job.name, job.id, job.singletonKey],
  )) as { rows: { running: boolean }[] };
  return result.rows[0]?.running === true;
}

export async function stopBoss(options: PgBoss.StopOptions = {}): Promise<void> {
  const pending = state.boss;
  state.boss = undefined;
  localWorkers.clear();
  state.role = undefined;
  if (pending) await (await pending).stop({ graceful: true, wait: true, timeout: 30_000, ...options });
}
