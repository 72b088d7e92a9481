import pg from "pg";
import { getConfig } from "@/lib/config";
import { getDatabaseUrl, getPool } from "@/lib/db";
import { logger } from "@/lib/log";

/**
 * Cross-process wake-ups: pg-boss only polls, so a job sent by the web server (or another worker) would wait out a
 * polling interval, and short intervals cost a commit per queue and loop several times a second even when idle.
 * Senders NOTIFY this channel (inside their transaction: delivered only if it commits) with the queue's schema and
 * name and when the job may start; every worker of that schema LISTENs and wakes its loops of that queue then.
 * Polling stays as the safety net, rarely.
 */
const CHANNEL = "ferry_job_wake";

export interface WakeSql {
  executeSql(text: string, values?: unknown[]): Promise<unknown>;
}

/** Tells every worker that `queue` has a job, startable in `afterSeconds`. */
export async function announceJob(db: WakeSql | undefined, queue: string, afterSeconds = 0): Promise<void> {
  const text = "SELECT pg_notify($1, $2)";
  const values = [CHANNEL, `${getConfig().FERRY_QUEUE_SCHEMA} ${queue} ${afterSeconds}`];
  if (db) await db.executeSql(text, values);
  else await getPool().query(text, values);
}

/** Listens for announced jobs on a connection of its own, reconnecting if it drops; returns the function that stops. */
export function listenForJobs(wake: (queue: string) => void): () => Promise<void> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const timers = new Set<NodeJS.Timeout>();
  const connect = async () => {
    const next = new pg.Client({ connectionString: getDatabaseUrl(), application_name: "ferry-job-wake" });
    const schema = getConfig().FERRY_QUEUE_SCHEMA;
    next.on("notification", (message) => {
      // Another queue schema in the same database is another Ferry (or test): not ours to wake.
      const [from, queue, after] = (message.payload ?? "").split(" ");
      if (from !== schema || !queue) return;
      const delay = Math.max(0, Number(after) || 0) * 1000;
      if (delay === 0) return wake(queue);
      // A delayed job (a retry, a status poll): wake when it may start, not a polling interval later.
      const timer = setTimeout(() => {
        timers.delete(timer);
        wake(queue);
      }, delay + 50);
      timer.unref();
      timers.add(timer);
    });
    next.on("error", (error) => {
      logger.warn({ err: error }, "job wake-up connection lost; reconnecting");
      void next.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(() => void connect().catch(() => undefined), 1_000);
    });
    await next.connect();
    await next.query(`LISTEN ${CHANNEL}`);
    client = next;
  };
  void connect().catch((error) => {
    logger.warn({ err: error }, "could not listen for job wake-ups; polling only");
    if (!stopped) retry = setTimeout(() => void connect().catch(() => undefined), 1_000);
  });
  return async () => {
    stopped = true;
    clearTimeout(retry);
    for (const timer of timers) clearTimeout(timer);
    await client?.end().catch(() => undefined);
  };
}
