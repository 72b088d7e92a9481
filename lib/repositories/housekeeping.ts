import fs from "node:fs";
import path from "node:path";
import { logger } from "@/lib/log";
import { runGit } from "./git-process";

// What Gitaly's OptimizeRepository does after pushes, for what Ferry reads: loose refs packed once there are many (each
// ref read otherwise opens a file per ref, and every advertisement lists them all), and a commit-graph with
// changed-path Bloom filters, which `git log -- <path>` (a file's history, the last commit of each tree entry) needs to
// skip commits without opening their trees. Split graphs: a push adds a small layer rather than rewriting the graph,
// and git merges the layers as they pile up.

/** Loose refs from which they are packed (Gitaly packs from 16 upwards, scaled by the size of packed-refs). */
export const LOOSE_REFS_TO_PACK = 64;
/** Each git run is stopped after this long: a stuck one must not hold one of the slots for good. */
const GIT_TIMEOUT_MS = 10 * 60_000;
/** Repositories tidied at once in this process: pack-refs and commit-graph are CPU- and disk-bound. */
const CONCURRENCY = 2;
// Both commands print nothing worth keeping on stdout.
const OUTPUT_LIMIT = 64 * 1024;
/**
 * A lock file older than this was left by a git that died (a host that lost power, a kill -9): no git run here lives
 * that long (pushes and housekeeping are stopped after 10 minutes). Left alone, a stale `refs/heads/main.lock` or
 * `packed-refs.lock` would refuse every later push, so they go, as Gitaly's housekeeping removes stale locks.
 */
export const STALE_LOCK_MS = 60 * 60_000;
// The repository's own lock files outside refs/ that git takes while writing.
const TOP_LEVEL_LOCKS = ["packed-refs.lock", "HEAD.lock", "config.lock", "shallow.lock", "objects/info/commit-graphs/commit-graph-chain.lock"];

/** Removes lock files older than STALE_LOCK_MS from `repoPath` (its refs and its own files); gives how many went. */
export async function removeStaleLocks(repoPath: string, now = Date.now()): Promise<number> {
  // A repository's own files, not the app's: Turbopack would otherwise trace the whole project for this join.
  const candidates = TOP_LEVEL_LOCKS.map((name) => path.join(/*turbopackIgnore: true*/ repoPath, name));
  const pending = [path.join(repoPath, "refs")];
  while (pending.length > 0) {
    const directory = pending.pop()!;
    const entries = await fs.promises.readdir(directory, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.isDirectory()) pending.push(path.join(directory, entry.name));
      else if (entry.name.endsWith(".lock")) candidates.push(path.join(directory, entry.name));
    }
  }
  let removed = 0;
  for (const file of candidates) {
    const stat = await fs.promises.lstat(file).catch(() => null);
    if (!stat?.isFile() || now - stat.mtimeMs < STALE_LOCK_MS) continue;
    await fs.promises.rm(file, { force: true });
    logger.warn({ repoPath, lock: path.relative(repoPath, file) }, "removed a stale git lock");
    removed++;
  }
  return removed;
}

/** Loose refs under `refs/`, counted up to `limit` (there is no need to walk 100,000 of them to know there are many). */
async function looseRefCount(repoPath: string, limit: number): Promise<number> {
  let count = 0;
  const pending = [path.join(repoPath, "refs")];
  while (pending.length > 0 && count < limit) {
    const directory = pending.pop()!;
    for (const entry of await fs.promises.readdir(directory, { withFileTypes: true })) {
      if (entry.isDirectory()) pending.push(path.join(directory, entry.name));
      else if (entry.isFile() && !entry.name.endsWith(".lock")) count++;
    }
  }
  return count;
}

/**
 * One housekeeping run over the bare repository at `repoPath`: removes stale locks, packs its refs when many are
 * loose, writes its commit-graph.
 */
export async function optimizeRepository(repoPath: string): Promise<{ packedRefs: boolean }> {
  const options = { gitDir: repoPath, timeoutMs: GIT_TIMEOUT_MS, maxStdoutBytes: OUTPUT_LIMIT };
  await removeStaleLocks(repoPath);
  const packedRefs = (await looseRefCount(repoPath, LOOSE_REFS_TO_PACK)) >= LOOSE_REFS_TO_PACK;
  if (packedRefs) await runGit(["pack-refs", "--all"], options);
  await runGit(["commit-graph", "write", "--reachable", "--split", "--changed-paths"], options);
  return { packedRefs };
}

export interface Housekeeper {
  /** Asks for a run over `repoPath`: soon, once, however often it is asked meanwhile. Never throws. */
  schedule(repoPath: string): void;
  /** Settles once nothing runs and nothing waits. */
  idle(): Promise<void>;
}

/**
 * Runs `run` per repository, coalescing requests as Gitaly coalesces optimizations: one run at a time per repository;
 * requests while one is waiting add nothing, and requests while one runs (a push during it may have changed what
 * it saw) add one run after it. At most `concurrency` repositories at once; a failure is logged, never thrown.
 */
export function createHousekeeper(run: (repoPath: string) => Promise<unknown>, concurrency = CONCURRENCY): Housekeeper {
  // Every repository with a run waiting or going; `again` when it was asked for while it ran.
  const repositories = new Map<string, { running: boolean; again: boolean }>();
  const waiting: string[] = [];
  let running = 0;
  let idleWaiters: (() => void)[] = [];

  const settleIdle = () => {
    if (repositories.size > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const start = (repoPath: string) => {
    const state = repositories.get(repoPath)!;
    state.running = true;
    running++;
    void run(repoPath)
      .catch((error: unknown) => logger.warn({ err: error, repository: repoPath }, "repository housekeeping failed"))
      .finally(() => {
        running--;
        state.running = false;
        if (state.again) {
          state.again = false;
          // Behind the others that waited, so a repository pushed to without pause does not hold a slot for itself.
          waiting.push(repoPath);
        } else {
          repositories.delete(repoPath);
        }
        pump();
        settleIdle();
      });
  };

  const pump = () => {
    while (running < concurrency && waiting.length > 0) start(waiting.shift()!);
  };

  return {
    schedule(repoPath) {
      const state = repositories.get(repoPath);
      if (state) {
        if (state.running) state.again = true;
        return;
      }
      repositories.set(repoPath, { running: false, again: false });
      waiting.push(repoPath);
      pump();
    },
    idle() {
      if (repositories.size === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}

// The process's one housekeeper: its concurrency bound holds for every push this process serves.
const housekeeper = createHousekeeper(async (repoPath) => {
  const started = performance.now();
  const { packedRefs } = await optimizeRepository(repoPath);
  logger.debug({ repository: repoPath, packedRefs, ms: Math.round(performance.now() - started) }, "repository housekeeping done");
});

/** After a push changed the repository at `repoPath`: its housekeeping, in the background. */
export const scheduleHousekeeping = (repoPath: string) => housekeeper.schedule(repoPath);

/** Settles once no housekeeping runs or waits in this process: for tests, and for a shutdown that lets it finish. */
export const housekeepingIdle = () => housekeeper.idle();
