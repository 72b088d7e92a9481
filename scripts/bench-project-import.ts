// `npm run bench:project-import`: a project imported by file (GitLab's POST /projects/import) from a real Ferry
// archive, against `tar -xzf` of the same archive in the same run.
//
// The project: BENCH_MB (default 300) MB of repository (scripts/bench/project-repository.ts, as bench:project-export
// has it) and BENCH_ISSUES issues (default 2,000) with BENCH_NOTES notes each (default 5), inserted as rows; exported
// with runFileExport as the export job runs it. Then `tar -xzf` of the archive into a scratch directory (the floor),
// and the import: the archive streamed from disk as a multipart body into the real route handler, in this process
// (upload + scan: the request, until its 201), then a `ferry worker` process imports it (worker import: from the 201 to
// `import_status: finished` on GET /projects/:id/import). Printed: sizes, seconds, MB/s of decompressed bytes, records/s,
// the whole import against tar -xzf, the worker's peak RSS (its VmHWM) and this process's peak RSS during the request
// (VmHWM after resetting it). Fails unless the imported repository has the exported one's refs and the imported project
// as many issues and notes as the exported one.
//
// Half of the repository's files are text, which git packs to almost nothing: the archive is about BENCH_MB / 2 MB,
// so an archive of 1 GB or more takes BENCH_MB=2200 (BENCH_MB=1100 gave 552 MB).
//
// Measured on a 2-core development machine shared with other work (load average 6-8), BENCH_MB=2200:
//   archive: 1101 MB gzipped, 1107 MB decompressed; 2005 records (project 1, issues 2000, self 1, repository_bundle 1,
//            project_feature 1, design 1) and 10000 notes in them
//   tar -xzf:       8.9 s, 123.9 MB/s
//   upload + scan:  18.4 s, 60.1 MB/s (59.7 MB/s of the upload)
//   worker import:  90.1 s, 12.3 MB/s, 133 records/s (notes included; over the whole worker import, bundle included)
//   whole import:   108.6 s, 10.2 MB/s: 12.15x the time of tar -xzf
//   peak RSS: worker 153 MB (VmHWM; git runs in its own processes); this process during upload + scan 187 MB (166 MB
//             at its start)
// BENCH_MB=1100 (552 MB archive): tar -xzf 4.3 s; upload + scan 13.7 s; worker 43.5 s; 13.27x tar -xzf; worker 158 MB.
// Default (152 MB archive): tar -xzf 1.1 s; upload + scan 3.2 s; worker 15.9 s, of which the repository bundle 10.9 s
// and the 2,000 issues with their 10,000 notes 2.6 s (about 4,600 records/s); 17.69x tar -xzf; worker 152 MB. Most of
// the worker's time is the repository bundle (git's), and its peak RSS stays the same from 152 MB to 1.1 GB of archive.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { benchDatabase, benchEnvironment, startWorker, stopChild } from "./bench/harness";
import { peakRssBytes } from "./bench/proc-stats";
import { fillBenchRepository } from "./bench/project-repository";

// pg-pool's end() resolves before its sockets close, so stopping PostgreSQL right after logs each one as an error;
// this process's own failures throw. The worker logs at its own level (startWorker).
process.env.LOG_LEVEL ??= "fatal";
const dataDir = benchEnvironment();
const MB = Number(process.env.BENCH_MB ?? 300);
const ISSUES = Number(process.env.BENCH_ISSUES ?? 2_000);
const NOTES = Number(process.env.BENCH_NOTES ?? 5);

const { and, eq, sql } = await import("drizzle-orm");
const { bulkImportEntities, bulkImportTrackers, closeDb, fileExports, getDb, issues, notes } = await import("@/lib/db");
const { createPersonalAccessToken } = await import("@/lib/auth/tokens");
const { createGroup } = await import("@/lib/groups");
const { stopBoss } = await import("@/lib/jobs");
const { createProject } = await import("@/lib/projects");
const { repositoryPath, runGit } = await import("@/lib/repositories");
const { createUser } = await import("@/lib/users");
const { runFileExport } = await import("@/lib/exchange/file-export/lifecycle");
const { resolveExportPath } = await import("@/lib/exchange/files");
const { POST: importProject } = await import("@/app/api/v4/projects/import/route");
const { GET: importStatus } = await import("@/app/api/v4/projects/[id]/import/route");
const { embedded } = await benchDatabase(dataDir);

const mib = (bytes: number) => bytes / (1 << 20);
const seconds = (since: number) => (performance.now() - since) / 1000;
const duBytes = (dir: string) => Number(execFileSync("du", ["-sb", dir]).toString().split("\t")[0]);
const refsOf = async (projectId: number) => (await runGit(["for-each-ref", "--format=%(refname) %(objectname)"], { gitDir: repositoryPath(projectId, "project"), timeoutMs: 60_000, maxStdoutBytes: 1 << 24 })).stdout.toString();
/** This process's peak RSS since the last reset (writing 5 to clear_refs resets the kernel's VmHWM). */
const resetPeakRss = () => fs.writeFileSync("/proc/self/clear_refs", "5");

const user = await createUser({ username: "bench", email: "bench@example.com", name: "Bench", password: "bench password" });
const { token } = await createPersonalAccessToken(user.id, { name: "bench", scopes: ["api"] });
const source = await createGroup(user, { name: "Bench", path: "bench" });
const exported = await createProject(user, { name: "Big", namespaceId: source.id, initializeWithReadme: true });

// The project: its repository, then its issues and their notes as rows.
let started = performance.now();
fillBenchRepository(repositoryPath(exported.id, "project"), MB, dataDir);
const db = getDb();
for (let start = 0; start < ISSUES; start += 500) {
  const rows = await db
    .insert(issues)
    .values(Array.from({ length: Math.min(500, ISSUES - start) }, (_, k) => ({ projectId: exported.id, iid: start + k + 1, title: `Issue ${start + k + 1}`, description: `Description of issue ${start + k + 1}, with a few words of **Markdown**.`, authorId: user.id })))
    .returning({ id: issues.id });
  await db.insert(notes).values(rows.flatMap((row) => Array.from({ length: NOTES }, (_, n) => ({ projectId: exported.id, noteableType: "Issue", noteableId: row.id, authorId: user.id, note: `Note ${n} on this issue.` }))));
}
console.log(`project built in ${seconds(started).toFixed(0)} s`);

// The export, as the export job runs it.
started = performance.now();
const [exportRow] = await db.insert(fileExports).values({ projectId: exported.id, userId: user.id, runId: "bench", status: "queued" }).returning();
await runFileExport(exportRow!.id, "bench");
const [exportDone] = await db.select().from(fileExports).where(eq(fileExports.id, exportRow!.id));
if (exportDone?.status !== "finished") throw new Error(`the export ended ${exportDone?.status}: ${exportDone?.error}`);
const archive = resolveExportPath(exportDone.filePath!);
const archiveBytes = fs.statSync(archive).size;
console.log(`exported in ${seconds(started).toFixed(0)} s`);

// The floor: tar -xzf of the same archive.
const extracted = path.join(dataDir, "extracted");
fs.mkdirSync(extracted);
started = performance.now();
execFileSync("tar", ["-xzf", archive, "-C", extracted]);
const tarSeconds = seconds(started);
const contentBytes = duBytes(extracted);
fs.rmSync(extracted, { recursive: true, force: true });

const worker = await startWorker("project-import");
try {
  const destination = await createGroup(user, { name: "Imported", path: "imported" });
  // The archive as a file-backed Blob: the multipart body is read from disk as it is sent, never held whole.
  const form = new FormData();
  for (const [name, value] of Object.entries({ path: "big", name: "Big", namespace: destination.fullPath })) form.append(name, value);
  form.append("file", await fs.openAsBlob(archive, { type: "application/gzip" }), "export.tar.gz");
  const request = new Request("http://ferry.test/api/v4/projects/import", { method: "POST", body: form, headers: { "private-token": token } });

  resetPeakRss();
  const rssBefore = peakRssBytes(process.pid);
  started = performance.now();
  const response = await importProject(request, { params: Promise.resolve({}) });
  const body = (await response.json()) as { id?: number; import_status?: string };
  const uploadSeconds = seconds(started);
  const uploadPeak = peakRssBytes(process.pid);
  if (response.status !== 201) throw new Error(`POST /projects/import answered ${response.status}: ${JSON.stringify(body)}`);

  started = performance.now();
  let polled: { import_status?: string } = body;
  while (polled.import_status !== "finished") {
    if (polled.import_status === "failed") throw new Error(`the import failed: ${JSON.stringify(polled)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const response = await importStatus(new Request(`http://ferry.test/api/v4/projects/${body.id}/import`, { headers: { "private-token": token } }), { params: Promise.resolve({ id: String(body.id) }) });
    polled = (await response.json()) as { import_status?: string };
  }
  const workerSeconds = seconds(started);
  const workerPeak = peakRssBytes(worker.pid!);

  const [entity] = await db.select({ id: bulkImportEntities.id }).from(bulkImportEntities).where(and(eq(bulkImportEntities.projectId, body.id!), eq(bulkImportEntities.sourceType, "project_entity")));
  const trackers = await db
    .select({ relation: bulkImportTrackers.relation, imported: bulkImportTrackers.importedObjectsCount, startedAt: bulkImportTrackers.startedAt, finishedAt: bulkImportTrackers.finishedAt })
    .from(bulkImportTrackers)
    .where(eq(bulkImportTrackers.entityId, entity!.id));
  // Where the worker's time went: its longest relations, from started to finished (stages run relations side by side).
  const longest = trackers
    .filter((t) => t.startedAt && t.finishedAt)
    .map((t) => ({ relation: t.relation, seconds: (t.finishedAt!.getTime() - t.startedAt!.getTime()) / 1000 }))
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, 3);
  // The trackers count a relation's top-level records (an issue, with its notes inside it): the notes are counted apart.
  const records = trackers.reduce((sum, tracker) => sum + tracker.imported, 0);
  const countOf = async (projectId: number) => {
    const [row] = await db.select({ issues: sql<number>`count(DISTINCT ${issues.id})::int`, notes: sql<number>`count(${notes.id})::int` }).from(issues).leftJoin(notes, and(eq(notes.noteableType, "Issue"), eq(notes.noteableId, issues.id))).where(eq(issues.projectId, projectId));
    return row!;
  };
  const [exportedCounts, importedCounts] = [await countOf(exported.id), await countOf(body.id!)];
  if (exportedCounts.issues !== importedCounts.issues || exportedCounts.notes !== importedCounts.notes) throw new Error(`imported ${JSON.stringify(importedCounts)} of ${JSON.stringify(exportedCounts)}`);
  const rows = records + importedCounts.notes;

  const [want, got] = [await refsOf(exported.id), await refsOf(body.id!)];
  if (want !== got || want.trim() === "") throw new Error(`the imported repository's refs differ from the exported one's:\nexported:\n${want}\nimported:\n${got}`);

  const content = mib(contentBytes);
  const rate = (s: number) => `${(content / s).toFixed(1)} MB/s`;
  console.log(`archive: ${mib(archiveBytes).toFixed(0)} MB gzipped, ${content.toFixed(0)} MB decompressed; ${records} records (${trackers.filter((t) => t.imported > 0).map((t) => `${t.relation} ${t.imported}`).join(", ")}) and ${importedCounts.notes} notes in them`);
  console.log(`tar -xzf:       ${tarSeconds.toFixed(1)} s, ${rate(tarSeconds)}`);
  console.log(`upload + scan:  ${uploadSeconds.toFixed(1)} s, ${rate(uploadSeconds)} (${(mib(archiveBytes) / uploadSeconds).toFixed(1)} MB/s of the upload)`);
  console.log(`worker import:  ${workerSeconds.toFixed(1)} s, ${rate(workerSeconds)}, ${(rows / workerSeconds).toFixed(0)} records/s (notes included); longest: ${longest.map((t) => `${t.relation} ${t.seconds.toFixed(1)} s`).join(", ")}`);
  console.log(`whole import:   ${(uploadSeconds + workerSeconds).toFixed(1)} s, ${rate(uploadSeconds + workerSeconds)}: ${((uploadSeconds + workerSeconds) / tarSeconds).toFixed(2)}x the time of tar -xzf`);
  console.log(`peak RSS: worker ${mib(workerPeak).toFixed(0)} MB (VmHWM; git runs in its own processes); this process during upload + scan ${mib(uploadPeak).toFixed(0)} MB (${mib(rssBefore).toFixed(0)} MB at its start)`);
  console.log(`checked: the imported repository has the exported one's ${want.trim().split("\n").length} refs; ${importedCounts.issues} issues and ${importedCounts.notes} notes, as exported`);
} finally {
  await stopChild(worker);
  await stopBoss();
  await closeDb();
  await embedded.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
