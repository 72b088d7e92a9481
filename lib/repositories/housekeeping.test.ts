import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { logger } from "@/lib/log";
import { commitFiles, git, newWorktree, temporaryDirectory } from "@/test/helpers/git-client";
import { createHousekeeper, housekeepingIdle, LOOSE_REFS_TO_PACK, optimizeRepository, removeStaleLocks, scheduleHousekeeping, STALE_LOCK_MS } from "./housekeeping";
import { createRepository } from "./storage";

const root = temporaryDirectory("ferry-housekeeping-");
process.env.FERRY_DATA_DIR = path.join(root, "data");

let lastProjectId = 0;
/** A bare repository with `branches` branches (besides main) and a tag, each a loose ref, as pushes leave them. */
async function pushedRepository(branches: number): Promise<{ repo: string; refs: string }> {
  const repo = await createRepository(++lastProjectId, { kind: "project" });
  const worktree = await newWorktree(root, `worktree-${lastProjectId}`);
  await commitFiles(worktree, { "src/app.ts": "export const app = 1;\n" }, "Add the app");
  for (let index = 0; index < branches; index++) await git(worktree, ["branch", `topic/${index}`]);
  await git(worktree, ["tag", "v1.0"]);
  await git(worktree, ["push", "--quiet", repo, "refs/heads/*:refs/heads/*", "refs/tags/*:refs/tags/*"]);
  return { repo, refs: await refsOf(repo) };
}

const refsOf = (repo: string) => git(repo, ["for-each-ref", "--format=%(objectname) %(refname)"]);

function looseRefs(repo: string): string[] {
  return (fs.readdirSync(path.join(repo, "refs"), { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((entry) => entry.isFile()).map((entry) => entry.name);
}

const commitGraphChain = (repo: string) => path.join(repo, "objects/info/commit-graphs/commit-graph-chain");

/** A promise and what settles it, for runs that a test finishes when it chooses. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

describe("repository housekeeping", () => {
  it("packs refs once 64 or more are loose, and writes a split commit-graph with changed paths", async () => {
    const { repo, refs } = await pushedRepository(LOOSE_REFS_TO_PACK + 6);
    expect(looseRefs(repo).length).toBeGreaterThanOrEqual(LOOSE_REFS_TO_PACK);
    expect(fs.existsSync(path.join(repo, "packed-refs"))).toBe(false);

    scheduleHousekeeping(repo);
    await housekeepingIdle();

    expect(fs.readFileSync(path.join(repo, "packed-refs"), "utf8")).toContain("refs/heads/topic/69");
    expect(looseRefs(repo)).toEqual([]);
    expect(await refsOf(repo)).toBe(refs);
    // A chain of split graphs, whose layers carry Bloom filters of the paths each commit changed.
    const layers = fs.readFileSync(commitGraphChain(repo), "utf8").trim().split("\n");
    expect(layers.length).toBeGreaterThanOrEqual(1);
    const layer = fs.readFileSync(path.join(repo, "objects/info/commit-graphs", `graph-${layers.at(-1)}.graph`));
    expect(layer.includes(Buffer.from("BIDX"))).toBe(true);
    expect(await git(repo, ["commit-graph", "verify"])).toBe("");
    expect(await git(repo, ["log", "--format=%s", "main", "--", "src/app.ts"])).toBe("Add the app");
  });

  it("leaves a few loose refs as they are, and keeps the graph current after the next push", async () => {
    const { repo } = await pushedRepository(3);
    expect(await optimizeRepository(repo)).toEqual({ packedRefs: false });
    expect(looseRefs(repo).sort()).toEqual(["0", "1", "2", "main", "v1.0"]);
    expect(fs.existsSync(commitGraphChain(repo))).toBe(true);

    const worktree = path.join(root, `worktree-${lastProjectId}`);
    await commitFiles(worktree, { "src/more.ts": "export const more = 2;\n" }, "Add more");
    await git(worktree, ["push", "--quiet", repo, "main"]);
    await optimizeRepository(repo);
    expect(await git(repo, ["commit-graph", "verify"])).toBe("");
    expect(await git(repo, ["log", "-1", "--format=%s", "main", "--", "src/more.ts"])).toBe("Add more");
  });

  it("removes the lock files a dead git left behind, which refuse pushes until they go, and keeps fresh ones", async () => {
    const { repo } = await pushedRepository(1);
    const worktree = path.join(root, `worktree-${lastProjectId}`);
    const stale = ["refs/heads/main.lock", "packed-refs.lock", "HEAD.lock"].map((name) => path.join(repo, name));
    const fresh = path.join(repo, "refs/heads/topic/0.lock");
    const old = new Date(Date.now() - STALE_LOCK_MS - 60_000);
    for (const file of [...stale, fresh]) fs.writeFileSync(file, "");
    for (const file of stale) fs.utimesSync(file, old, old);
    await commitFiles(worktree, { "src/later.ts": "export const later = 3;\n" }, "Later");
    await expect(git(worktree, ["push", "--quiet", repo, "main"])).rejects.toThrow(/lock/);

    expect(await removeStaleLocks(repo)).toBe(3);
    expect(stale.filter((file) => fs.existsSync(file))).toEqual([]);
    expect(fs.existsSync(fresh)).toBe(true);
    await git(worktree, ["push", "--quiet", repo, "main"]);
    expect(await git(repo, ["log", "-1", "--format=%s", "main"])).toBe("Later");
    // A fresh lock may belong to a git that is running: it stays until it is old.
    expect(await removeStaleLocks(repo, Date.now() + STALE_LOCK_MS + 60_000)).toBe(1);
  });

  it("logs a failure (a repository deleted meanwhile) and never throws it", async () => {
    const { repo } = await pushedRepository(1);
    fs.rmSync(repo, { recursive: true, force: true });
    const warn = vi.spyOn(logger, "warn");
    try {
      expect(() => scheduleHousekeeping(repo)).not.toThrow();
      await housekeepingIdle();
      expect(warn).toHaveBeenCalledWith(expect.objectContaining({ repository: repo }), "repository housekeeping failed");
    } finally {
      warn.mockRestore();
    }
    // The next request runs again: a failure leaves nothing behind that would block it.
    const { repo: other } = await pushedRepository(1);
    scheduleHousekeeping(other);
    await housekeepingIdle();
    expect(fs.existsSync(commitGraphChain(other))).toBe(true);
  });
});

describe("createHousekeeper", () => {
  it("coalesces requests: one run at a time per repository, and at most one more for all requests during it", async () => {
    const runs: { repo: string; done: ReturnType<typeof deferred> }[] = [];
    const keeper = createHousekeeper(async (repo) => {
      const done = deferred();
      runs.push({ repo, done });
      await done.promise;
    });
    for (let index = 0; index < 20; index++) keeper.schedule("/repos/a");
    expect(runs.map((run) => run.repo)).toEqual(["/repos/a"]);
    // Requests while the run goes: one follow-up run, not twenty.
    for (let index = 0; index < 20; index++) keeper.schedule("/repos/a");
    runs[0]!.done.resolve();
    await vi.waitFor(() => expect(runs).toHaveLength(2));
    runs[1]!.done.resolve();
    await keeper.idle();
    expect(runs).toHaveLength(2);
  });

  it("runs at most two repositories at once, the others waiting their turn, and is idle once all are done", async () => {
    let running = 0;
    let most = 0;
    const finished: string[] = [];
    const gates = new Map<string, ReturnType<typeof deferred>>();
    const keeper = createHousekeeper(async (repo) => {
      running++;
      most = Math.max(most, running);
      const gate = deferred();
      gates.set(repo, gate);
      await gate.promise.finally(() => running--);
      finished.push(repo);
    });
    const repos = ["/r/1", "/r/2", "/r/3", "/r/4", "/r/5"];
    for (const repo of repos) keeper.schedule(repo);
    // A request for a repository still waiting for a slot adds nothing.
    keeper.schedule("/r/5");
    let idle = false;
    const whenIdle = keeper.idle().then(() => (idle = true));
    expect([...gates.keys()]).toEqual(["/r/1", "/r/2"]);
    gates.get("/r/1")!.reject(new Error("git failed"));
    for (const repo of repos.slice(1)) {
      await vi.waitFor(() => expect(gates.has(repo)).toBe(true));
      gates.get(repo)!.resolve();
    }
    await whenIdle;
    expect(idle).toBe(true);
    expect(most).toBe(2);
    expect(finished.sort()).toEqual(["/r/2", "/r/3", "/r/4", "/r/5"]);
    expect(gates.size).toBe(5);
    await keeper.idle();
  });
});
