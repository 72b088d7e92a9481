import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

// In a process of its own: a lowered priority cannot be raised back without privileges, and this one runs the tests.
const CHILD = `
import fs from "node:fs";
import { Worker } from "node:worker_threads";
import { lowerWorkerPriority } from "./lib/runtime/worker-priority.ts";
const nices = () => fs.readdirSync("/proc/self/task").map((tid) => Number(fs.readFileSync(\`/proc/self/task/\${tid}/stat\`, "utf8").split(") ")[1].split(" ")[16]));
const before = nices();
lowerWorkerPriority(Number(process.argv[1]));
const lowered = nices();
// A thread started afterwards (as libuv's pool and V8's helpers start theirs when first needed).
const thread = new Worker("setTimeout(() => {}, 10_000)", { eval: true });
await new Promise((resolve) => thread.once("online", resolve));
console.log(JSON.stringify({ before, lowered, later: nices() }));
await thread.terminate();
`;

async function run(nice: number): Promise<{ before: number[]; lowered: number[]; later: number[] }> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "-e", CHILD, String(nice)], { cwd: path.resolve(".") });
  return JSON.parse(stdout);
}

describe.runIf(process.platform === "linux")("lowerWorkerPriority", () => {
  it("lowers every thread of the process, and the threads started later inherit it", async () => {
    const { before, lowered, later } = await run(7);
    expect(before.length).toBeGreaterThan(1);
    expect(before.every((nice) => nice < 7)).toBe(true);
    expect(lowered).toEqual(lowered.map(() => 7));
    expect(later.length).toBeGreaterThan(lowered.length);
    expect(later).toEqual(later.map(() => 7));
  });

  it("leaves the priority as it is at 0", async () => {
    const { before, later } = await run(0);
    expect(later.slice(0, before.length)).toEqual(before);
  });
});
