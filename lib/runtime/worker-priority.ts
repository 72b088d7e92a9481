import fs from "node:fs";
import os from "node:os";
import { logger } from "@/lib/log";

/**
 * Lowers the CPU priority of this process's every thread to `nice` (0 leaves it as it is). Imports are batch work
 * that takes all the CPU it gets; pages and API answers are someone waiting. On a host where the web server and a
 * worker share the cores (`npm start` runs both), the scheduler then gives the web server its share first and the
 * worker every cycle left over: an idle host imports as fast as before.
 * Linux keeps a nice value per thread, and a process's threads do not share one: each thread that exists now (the
 * main thread, V8's and libuv's) is lowered, and the ones started later inherit it.
 */
export function lowerWorkerPriority(nice: number): void {
  if (nice === 0) return;
  let threads: number[] = [process.pid];
  try {
    threads = fs.readdirSync("/proc/self/task").map(Number);
  } catch {
    // not Linux: a process has one priority
  }
  try {
    for (const thread of threads) os.setPriority(thread, Math.max(os.getPriority(thread), nice));
  } catch (error) {
    logger.warn({ err: error, nice }, "could not lower the worker's CPU priority");
  }
}
