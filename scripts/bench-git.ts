// `npm run bench:git`: git over HTTP and the repository pages and API on a large repository, measured in one run.
// scripts/bench/make-repository.ts builds it (BENCH_COMMITS 20,000, BENCH_FILES 5,000, BENCH_BRANCHES 300, BENCH_TAGS
// 200, a BENCH_LARGE_MB 40 MB file); a production web server (`dist/server/start.mjs`, `npm run build` first) serves a
// project made with lib code. Printed, with the goals: `git push --mirror` to Ferry; `git clone --mirror` over HTTP
// against the same from `file://` (the repository the server serves, so only the HTTP layer differs), protocol v2
// and v0, best of BENCH_RUNS (3) each; a no-op fetch likewise; the web server's RSS around the clones; that the HTTP
// clone has the same refs and objects and fscks clean; p50/p95 of BENCH_REQUESTS (30) warm requests per page and API
// call, one after another.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchDatabase, benchEnvironment, percentile } from "./bench/harness";
import { rssBytes } from "./bench/proc-stats";
import { signIn, startWebServer } from "./bench/web-server";

const dataDir = benchEnvironment();
const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SHAPE = {
  commits: setting("BENCH_COMMITS", 20_000),
  files: setting("BENCH_FILES", 5_000),
  branches: setting("BENCH_BRANCHES", 300),
  tags: setting("BENCH_TAGS", 200),
  largeMb: setting("BENCH_LARGE_MB", 40),
};
const PORT = setting("BENCH_PORT", 3420);
const RUNS = setting("BENCH_RUNS", 3);
const REQUESTS = setting("BENCH_REQUESTS", 30);
const GOALS = { cloneRatio: 1.15, rssGrowthMb: 50, p95Ms: 300 };

const { closeDb } = await import("@/lib/db");
const { createPersonalAccessToken } = await import("@/lib/auth/tokens");
const { createGroup } = await import("@/lib/groups");
const { stopBoss } = await import("@/lib/jobs");
const { createProject } = await import("@/lib/projects");
const { repositoryPath, runGit } = await import("@/lib/repositories");
const { createUser } = await import("@/lib/users");
const { embedded } = await benchDatabase(dataDir);

const work = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-bench-git-"));
const HOUR = 60 * 60_000;

/** The git client, run to the end: its stdout, trimmed. Never a shell; URLs with a token stay out of any message. */
async function git(args: string[], options: { gitDir?: string; config?: Record<string, string> } = {}): Promise<string> {
  return (await runGit(args, { ...options, timeoutMs: HOUR, maxStdoutBytes: 256 * 1024 * 1024 })).stdout.toString().trim();
}
async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let scratch = 0;
const scratchDir = () => path.join(work, `clone-${++scratch}.git`);

// 1. The repository, built by the script the repository tests also run.
const source = path.join(work, "source.git");
const made = JSON.parse(
  execFileSync(process.execPath, ["--import", "tsx", "scripts/bench/make-repository.ts", source, "--commits", String(SHAPE.commits), "--files", String(SHAPE.files), "--branches", String(SHAPE.branches), "--tags", String(SHAPE.tags), "--large-mb", String(SHAPE.largeMb)], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 16 * 1024 * 1024,
  }),
) as { commits: number; branches: number; tags: number; filesAtHead: number; packMegabytes: number; seconds: number };

// 2. A user, an api token and an empty private project, through lib as the UI and API make them; the server.
const password = "bench password";
const user = await createUser({ username: "bench", email: "bench@example.com", name: "Bench", password });
const { token } = await createPersonalAccessToken(user.id, { name: "bench", scopes: ["api"] });
const group = await createGroup(user, { name: "Bench", path: "bench", visibility: "private" });
const project = await createProject(user, { name: "Big", path: "big", namespaceId: group.id, visibility: "private" });
const served = repositoryPath(project.id, "project");
const web = await startWebServer(PORT);
const httpUrl = `${web.base.replace("://", `://oauth2:${token}@`)}/${project.fullPath}.git`;

// 3. The push, then the housekeeping it schedules (pack-refs, commit-graph): measured clones must not race it.
const pushSeconds = await timed(() => git(["push", "--quiet", "--mirror", httpUrl], { gitDir: source }));
const chain = path.join(served, "objects/info/commit-graphs/commit-graph-chain");
for (const deadline = Date.now() + HOUR; !fs.existsSync(chain); await sleep(250)) if (Date.now() > deadline) throw new Error("housekeeping did not write the commit-graph");

// 4. Clones, HTTP against file:// of the same repository, alternated so that drift on a busy host hits both alike.
const PROTOCOLS = ["2", "0"] as const;
const clones: Record<(typeof PROTOCOLS)[number], { local: number[]; http: number[] }> = { "2": { local: [], http: [] }, "0": { local: [], http: [] } };
let httpClone = "";
let peakRss = 0;
const rssBefore = rssBytes(web.serverPid);
const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssBytes(web.serverPid))), 100);
for (let run = 0; run < RUNS; run++) {
  for (const protocol of PROTOCOLS) {
    const config = { "protocol.version": protocol };
    const local = scratchDir();
    clones[protocol].local.push(await timed(() => git(["clone", "--quiet", "--mirror", `file://${served}`, local], { config })));
    fs.rmSync(local, { recursive: true, force: true });
    const remote = scratchDir();
    clones[protocol].http.push(await timed(() => git(["clone", "--quiet", "--mirror", httpUrl, remote], { config })));
    if (httpClone) fs.rmSync(httpClone, { recursive: true, force: true });
    httpClone = remote;
  }
}
clearInterval(sampler);
const rssAfter = rssBytes(web.serverPid);

// 5. A no-op fetch: everything is there already, so it is the refs' advertisement and negotiation alone.
const localMirror = scratchDir();
await git(["clone", "--quiet", "--mirror", `file://${served}`, localMirror]);
const noop = { local: [] as number[], http: [] as number[] };
for (let run = 0; run < RUNS; run++) {
  noop.local.push(await timed(() => git(["fetch", "--quiet", "origin"], { gitDir: localMirror })));
  noop.http.push(await timed(() => git(["fetch", "--quiet", "origin"], { gitDir: httpClone })));
}

// 6. What came over HTTP is what was pushed: the same refs, the same objects, and nothing git finds wrong.
const refs = (gitDir: string) => git(["for-each-ref", "--format=%(objectname) %(refname)"], { gitDir });
const objects = async (gitDir: string) => Number(await git(["rev-list", "--all", "--objects", "--count"], { gitDir }));
const [sourceRefs, cloneRefs, sourceObjects, cloneObjects] = await Promise.all([refs(source), refs(httpClone), objects(source), objects(httpClone)]);
const fsckClean = await git(["fsck", "--strict", "--no-dangling"], { gitDir: httpClone }).then((said) => said === "", () => false);
const refCount = sourceRefs.split("\n").length;

// 7. Pages and API calls, warm: what to ask for comes from the repository itself.
const deepest = (await git(["ls-tree", "-r", "-d", "--name-only", "main"], { gitDir: source })).split("\n").reduce((a, b) => (b.split("/").length > a.split("/").length ? b : a));
const blob = (await git(["ls-tree", "main", `${deepest}/`], { gitDir: source })).split("\n").find((line) => line.includes(" blob "))!.split("\t")[1]!;
const commit = await git(["rev-list", "-1", "--no-merges", "main"], { gitDir: source });
const olderTag = (await git(["for-each-ref", "--sort=-creatordate", "--count=5", "--format=%(refname:short)", "refs/tags"], { gitDir: source })).split("\n").at(-1) || "main~10";
const session = await signIn(web.base, "bench", password);
const page = (tail: string) => () => fetch(`${web.base}/${project.fullPath}/-/${tail}`, { headers: { cookie: session }, redirect: "manual" });
const api = (tail: string) => () => fetch(`${web.base}/api/v4/projects/${project.id}/${tail}`, { headers: { "PRIVATE-TOKEN": token } });
const requests: { name: string; request: () => Promise<Response> }[] = [
  { name: "page: tree root", request: page("tree/main") },
  { name: `page: deep tree (${deepest.split("/").length} levels)`, request: page(`tree/main/${deepest}`) },
  { name: "page: blob", request: page(`blob/main/${blob}`) },
  { name: "page: commits", request: page("commits/main") },
  { name: "page: commit", request: page(`commit/${commit}`) },
  { name: "page: branches", request: page("branches") },
  { name: "page: tags", request: page("tags") },
  { name: "api: tree recursive (page 5 of 100)", request: api("repository/tree?ref=main&recursive=true&per_page=100&page=5") },
  { name: "api: file", request: api(`repository/files/${encodeURIComponent(blob)}?ref=main`) },
  { name: "api: commits", request: api("repository/commits?ref_name=main&per_page=20") },
  { name: "api: commit diff", request: api(`repository/commits/${commit}/diff`) },
  { name: `api: compare (${olderTag}...main)`, request: api(`repository/compare?from=${encodeURIComponent(olderTag)}&to=main`) },
  { name: "api: branches", request: api("repository/branches?per_page=20") },
  { name: "api: tags", request: api("repository/tags?per_page=20") },
];
const latencies: number[][] = [];
for (const { name, request } of requests) {
  const times: number[] = [];
  // Three to warm up (caches, pools, the route's code), then the measured ones.
  for (let index = 0; index < REQUESTS + 3; index++) {
    const started = performance.now();
    const response = await request();
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${name} answered ${response.status}`);
    if (index >= 3) times.push(performance.now() - started);
  }
  latencies.push(times);
}

await web.stop();
await stopBoss();
await closeDb();
await embedded.stop();
fs.rmSync(work, { recursive: true, force: true });
fs.rmSync(dataDir, { recursive: true, force: true });

// The table.
const best = (values: number[]) => Math.min(...values);
const mb = (bytes: number) => bytes / 1024 / 1024;
const verdict = (ok: boolean) => (ok ? "ok" : "MISSED");
const rows: [string, string, string, string][] = [];
const ratioRow = (name: string, pair: { local: number[]; http: number[] }, goal?: number) => {
  const ratio = best(pair.http) / best(pair.local);
  rows.push([name, `${best(pair.local).toFixed(2)} s / ${best(pair.http).toFixed(2)} s = ${ratio.toFixed(2)}x`, goal ? `<= ${goal}x` : "", goal ? verdict(ratio <= goal) : ""]);
};
rows.push(["push --mirror over HTTP", `${pushSeconds.toFixed(1)} s`, "", ""]);
ratioRow("clone --mirror v2, file:// / HTTP", clones["2"], GOALS.cloneRatio);
ratioRow("clone --mirror v0, file:// / HTTP", clones["0"], GOALS.cloneRatio);
ratioRow("no-op fetch v2, file:// / HTTP", noop);
const growth = mb(Math.max(peakRss, rssAfter) - rssBefore);
rows.push(["web server RSS around the clones", `${mb(rssBefore).toFixed(0)} MB -> ${mb(rssAfter).toFixed(0)} MB, peak ${mb(peakRss).toFixed(0)} MB (+${growth.toFixed(0)} MB)`, `< ${GOALS.rssGrowthMb} MB`, verdict(growth < GOALS.rssGrowthMb)]);
const identical = sourceRefs === cloneRefs && sourceObjects === cloneObjects;
rows.push(["HTTP clone: refs, objects, fsck", `${refCount} refs and ${sourceObjects} objects ${identical ? "identical" : `DIFFER (${cloneObjects} objects)`}; fsck ${fsckClean ? "clean" : "NOT CLEAN"}`, "identical, clean", verdict(identical && fsckClean)]);
for (const [index, { name }] of requests.entries()) {
  const times = latencies[index]!;
  const p95 = percentile(times, 0.95);
  rows.push([name, `p50 ${percentile(times, 0.5).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms (${times.length})`, `p95 < ${GOALS.p95Ms} ms`, verdict(p95 < GOALS.p95Ms)]);
}
const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
console.log(
  `git over HTTP: ${made.commits} commits, ${made.filesAtHead} files at HEAD, ${made.branches} branches, ${made.tags} tags, ` +
    `a ${SHAPE.largeMb} MB file; ${made.packMegabytes} MB pack (built in ${made.seconds} s); best of ${RUNS}, ${REQUESTS} requests each`,
);
for (const row of rows) console.log(row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell)).join("  ").trimEnd());
if (!identical || !fsckClean) process.exitCode = 1;
