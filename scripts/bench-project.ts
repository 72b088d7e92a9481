// `npm run bench:project`: one project's direct transfer, and its repository restore against git's own.
//
// A mid-size repository (BENCH_COMMITS, default 5,000 commits; BENCH_FILES 2,000 files; 50 branches, 50 tags, and
// BENCH_LARGE_MB, default 40, of large incompressible files) is made by scripts/bench/make-repository.ts and bundled
// with `git bundle create --all`, as a GitLab source exports it. Printed, medians of BENCH_RUNS runs (default 3):
// - restore throughput in bundle MB/s: `git clone --mirror <bundle>` (the baseline), Ferry's restoreFromBundle (verify,
//   atomic fetch of every ref, HEAD), and Ferry's whole repository.tar.gz path (tar checks, bundle written, restored);
// - a direct transfer of a group holding that project with GitLab's complex project relations, served by the test
//   source in its own process and imported by a compiled `ferry worker`: the project entity's time from created to
//   finished, against GitLab's documented 2.4 s per empty project + 20 s per repository;
// - peak memory: the worker's (VmHWM) and its git processes' during the import, and git's during a restore.
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import path from "node:path";
import { benchDatabase, benchEnvironment, median, startChild, startWorker, stopChild } from "./bench/harness";

const dataDir = benchEnvironment();
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SHAPE = {
  commits: process.env.BENCH_COMMITS ?? "5000",
  files: process.env.BENCH_FILES ?? "2000",
  largeMb: process.env.BENCH_LARGE_MB ?? "40",
};

const { eq } = await import("drizzle-orm");
const { bulkImportEntities, bulkImportFailures, closeDb, getDb } = await import("@/lib/db");
const { stopBoss } = await import("@/lib/jobs");
const { startImports, STATUS } = await import("@/lib/migration");
const { restoreRepositoryArchive } = await import("@/lib/migration/pipelines/projects/repository-bundle-archive");
const { restoreFromBundle } = await import("@/lib/repositories");
const git = promisify(execFile);
const { createUser } = await import("@/lib/users");
const { waitForImports } = await import("@/test/helpers/imports");
const { childrenOf, peakRssBytes, rssBytes } = await import("./bench/proc-stats");
const { embedded } = await benchDatabase(dataDir);

const work = path.join(dataDir, "work");
fs.mkdirSync(work);
const source = path.join(work, "source.git");
console.error(`making a repository of ${SHAPE.commits} commits, ${SHAPE.files} files, ${SHAPE.largeMb} MB of large files...`);
execFileSync(process.execPath, ["--import", "tsx", "scripts/bench/make-repository.ts", source, "--commits", SHAPE.commits, "--files", SHAPE.files, "--branches", "50", "--tags", "50", "--large-mb", SHAPE.largeMb], { stdio: "inherit" });
// GitLab's complex project tree, which the source serves beside this repository, has a release of this tag: a release
// whose tag the repository lacks fails, as GitLab's would.
execFileSync("git", ["-C", source, "tag", "release-1.1", "HEAD"]);
const bundle = path.join(work, "repository.bundle");
execFileSync("git", ["-C", source, "bundle", "create", bundle, "--all"], { stdio: "ignore" });
const archive = path.join(work, "repository.tar.gz");
execFileSync("tar", ["-C", work, "-czf", archive, "./repository.bundle"]);
const bundleMb = fs.statSync(bundle).size / 2 ** 20;
const refs = execFileSync("git", ["-C", source, "for-each-ref"], { encoding: "utf8" }).trim().split("\n").length;
const objects = execFileSync("git", ["-C", source, "count-objects", "-v"], { encoding: "utf8" });
console.error(`bundle: ${bundleMb.toFixed(1)} MB, ${refs} refs (${/in-pack: (\d+)/.exec(objects)?.[1]} objects)`);

/** Runs `task` while sampling the resident memory of this process's children (git), and returns its seconds and that peak. */
async function measured(task: () => Promise<unknown>): Promise<{ seconds: number; gitPeak: number }> {
  let gitPeak = 0;
  const sampler = setInterval(() => (gitPeak = Math.max(gitPeak, ...childrenOf(process.pid).map(rssBytes))), 50);
  const clock = performance.now();
  await task();
  const seconds = (performance.now() - clock) / 1000;
  clearInterval(sampler);
  return { seconds, gitPeak };
}

const fresh = async (name: string) => {
  const dir = path.join(work, `${name}-${Date.now()}.git`);
  await git("git", ["init", "--quiet", "--bare", dir]);
  return dir;
};
const clones: { seconds: number; gitPeak: number }[] = [];
const restores: typeof clones = [];
const archives: typeof clones = [];
for (let run = 1; run <= RUNS; run++) {
  const mirror = path.join(work, `mirror-${run}.git`);
  clones.push(await measured(() => git("git", ["clone", "--quiet", "--mirror", bundle, mirror])));
  const restored = await fresh("restore");
  restores.push(await measured(() => restoreFromBundle(restored, bundle)));
  const fromArchive = await fresh("archive");
  archives.push(await measured(() => restoreRepositoryArchive(fs.createReadStream(archive), fromArchive, { maxBytes: 10 * 2 ** 30, workDirectory: path.join(work, "bundles") })));
  for (const dir of [mirror, restored, fromArchive]) {
    if (execFileSync("git", ["-C", dir, "for-each-ref"], { encoding: "utf8" }).trim().split("\n").length !== refs) throw new Error(`${dir} lacks refs`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.error(`run ${run}: clone --mirror ${clones.at(-1)!.seconds.toFixed(2)} s, restoreFromBundle ${restores.at(-1)!.seconds.toFixed(2)} s, archive ${archives.at(-1)!.seconds.toFixed(2)} s`);
}

const { child: sourceProcess, line } = await startChild(["scripts/bench/source-process.ts"], { LOG_LEVEL: "warn", BENCH_REPOSITORY: source }, (l) => l.startsWith("{"));
const served = JSON.parse(line) as { url: string; token: string; group: string };
const user = await createUser({ username: "bench", email: "bench@example.com", name: "Bench", password: "bench password" });
const projectSeconds: number[] = [];
const workerPeaks: number[] = [];
const workerGitPeaks: number[] = [];
for (let run = 1; run <= RUNS; run++) {
  const worker = await startWorker(`project-${run}`);
  let gitPeak = 0;
  const sampler = setInterval(() => (gitPeak = Math.max(gitPeak, ...childrenOf(worker.pid!).map(rssBytes))), 50);
  const [bulk] = await startImports(user, { url: served.url, token: served.token }, [
    { sourceFullPath: served.group, destinationSlug: `bench-${run}-${Date.now()}`, destinationNamespace: "", migrateProjects: true, migrateMemberships: false },
  ]);
  const [done] = await waitForImports([bulk!.bulkImportId], 3_600_000);
  clearInterval(sampler);
  workerPeaks.push(peakRssBytes(worker.pid!));
  workerGitPeaks.push(gitPeak);
  await stopChild(worker);
  if (done!.status !== STATUS.finished || done!.hasFailures) {
    // A benchmark of a failed import measures nothing: say what failed so the run can be mended.
    const failures = await getDb().select().from(bulkImportFailures).innerJoin(bulkImportEntities, eq(bulkImportFailures.entityId, bulkImportEntities.id)).where(eq(bulkImportEntities.bulkImportId, bulk!.bulkImportId));
    for (const { bulk_import_failures: f } of failures) console.error(`failure: ${f.relation} ${f.exceptionClass}: ${f.exceptionMessage}`);
    throw new Error(`import ${run} ended with status ${done!.status}, failures ${done!.hasFailures}`);
  }
  const entities = await getDb().select().from(bulkImportEntities).where(eq(bulkImportEntities.bulkImportId, bulk!.bulkImportId));
  const project = entities.find((entity) => entity.sourceType === "project_entity")!;
  projectSeconds.push((project.updatedAt.getTime() - project.createdAt.getTime()) / 1000);
  console.error(`import ${run}: project entity ${projectSeconds.at(-1)!.toFixed(1)} s`);
}
await stopChild(sourceProcess);
await stopBoss();
await closeDb();
await embedded.stop();

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const clone = median(clones.map((r) => r.seconds));
const restore = median(restores.map((r) => r.seconds));
const whole = median(archives.map((r) => r.seconds));
console.log(`Repository: ${SHAPE.commits} commits, ${refs} refs, bundle ${bundleMb.toFixed(1)} MB (medians of ${RUNS} runs)`);
console.log(`  git clone --mirror <bundle>       ${clone.toFixed(2)} s  ${(bundleMb / clone).toFixed(1)} MB/s  git peak ${mb(median(clones.map((r) => r.gitPeak)))}`);
console.log(`  Ferry restoreFromBundle           ${restore.toFixed(2)} s  ${(bundleMb / restore).toFixed(1)} MB/s  git peak ${mb(median(restores.map((r) => r.gitPeak)))}  = ${(clone / restore).toFixed(2)}x of clone --mirror`);
console.log(`  Ferry repository.tar.gz restore   ${whole.toFixed(2)} s  ${(bundleMb / whole).toFixed(1)} MB/s  = ${(clone / whole).toFixed(2)}x of clone --mirror`);
console.log(`Project by direct transfer (repository + GitLab's complex project relations): ${median(projectSeconds).toFixed(1)} s per project`);
console.log(`  GitLab documents 2.4 s per empty project + 20 s per repository (22.4 s before any other relation)`);
console.log(`  worker peak RSS ${mb(median(workerPeaks))}, its git processes' peak ${mb(median(workerGitPeaks))}`);
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
