// `node --import tsx scripts/bench-project-export.ts`: exports a project of a few hundred MB by file (GitLab's project
// archive, written by the file-export job) and prints its throughput against `tar -czf` of the very files the archive
// holds (extracted again), with the ratio of the two measured in this run and the process's peak RSS while the archive
// is written. The repository gets BENCH_MB (default 300) MB of files, half random (incompressible, as binaries and
// media are) and half text. Uses DATABASE_URL, or an embedded PostgreSQL in a temp dir.
//
// Measured on a 2-core development machine shared with other work: BENCH_MB=240 (120 MB repository) Ferry 9.8 MB/s,
// tar -czf 8.6 MB/s (ratio 1.14); BENCH_MB=520 (260 MB repository, beside a lint run) 4.7 vs 4.2 MB/s (ratio 1.12);
// peak RSS 138 and 153 MB, a few MB over the process's resting size: the archive streams, the bundle is git's.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { givenOrEmbeddedDatabase, stampedBenchUser } from "./bench/harness";
import { fillBenchRepository } from "./bench/project-repository";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-bench-project-export-"));
process.env.FERRY_DATA_DIR = dataDir;
process.env.LOG_LEVEL ??= "fatal";
const MB = Number(process.env.BENCH_MB ?? 300);

const { closeDb } = await import("@/lib/db/client");
const { fileExports, getDb } = await import("@/lib/db");
const { createGroup } = await import("@/lib/groups");
const { createProject } = await import("@/lib/projects");
const { repositoryPath } = await import("@/lib/repositories");
const { runFileExport } = await import("@/lib/exchange/file-export/lifecycle");
const { resolveExportPath } = await import("@/lib/exchange/files");
const { eq } = await import("drizzle-orm");

const stopDb = await givenOrEmbeddedDatabase(dataDir);

const { user, stamp } = await stampedBenchUser();
const group = await createGroup(user, { name: "Bench", path: `bench-${stamp}` });
const project = await createProject(user, { name: "Big", namespaceId: group.id, initializeWithReadme: true });

// The repository: BENCH_MB MB of files, pushed into the project's bare repository.
const repoBytes = fillBenchRepository(repositoryPath(project.id, "project"), MB, dataDir);

// The export, as the worker runs it, with the process's memory sampled while it writes.
const runId = "bench";
const [row] = await getDb().insert(fileExports).values({ projectId: project.id, userId: user.id, runId, status: "queued" }).returning();
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
await runFileExport(row!.id, runId);
const exportSeconds = (performance.now() - started) / 1000;
clearInterval(sampler);
const [done] = await getDb().select().from(fileExports).where(eq(fileExports.id, row!.id));
if (done?.status !== "finished") throw new Error(`the export ended ${done?.status}: ${done?.error}`);
const archive = resolveExportPath(done.filePath!);
const archiveBytes = fs.statSync(archive).size;

// Baseline: the system's tar and gzip over the same files, extracted from the archive.
const extracted = path.join(dataDir, "extracted");
fs.mkdirSync(extracted);
execFileSync("tar", ["-xzf", archive, "-C", extracted]);
const contentBytes = Number(execFileSync("du", ["-sb", extracted]).toString().split("\t")[0]);
const tarStart = performance.now();
execFileSync("tar", ["-czf", path.join(dataDir, "baseline.tar.gz"), "-C", extracted, "."]);
const tarSeconds = (performance.now() - tarStart) / 1000;
const baselineBytes = fs.statSync(path.join(dataDir, "baseline.tar.gz")).size;

const mb = (bytes: number) => bytes / (1 << 20);
console.log(`repository on disk: ${mb(repoBytes).toFixed(0)} MB; archive members: ${mb(contentBytes).toFixed(0)} MB`);
console.log(`Ferry export:  ${exportSeconds.toFixed(1)} s, ${(mb(contentBytes) / exportSeconds).toFixed(1)} MB/s of members, archive ${mb(archiveBytes).toFixed(0)} MB`);
console.log(`tar -czf:      ${tarSeconds.toFixed(1)} s, ${(mb(contentBytes) / tarSeconds).toFixed(1)} MB/s, archive ${mb(baselineBytes).toFixed(0)} MB`);
console.log(`ratio (Ferry MB/s / tar MB/s): ${(tarSeconds / exportSeconds).toFixed(2)}`);
console.log(`peak RSS while exporting: ${mb(peak).toFixed(0)} MB (${mb(rssBefore).toFixed(0)} MB before; git runs in its own process)`);

await closeDb();
await stopDb();
fs.rmSync(dataDir, { recursive: true, force: true });
