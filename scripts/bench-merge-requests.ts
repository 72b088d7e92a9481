// `npm run bench:merge-requests`: a project's merge requests by direct transfer, against GitLab's documented pace.
//
// BENCH_MRS merge requests (default 1,000), each with 10 commits and 30 files (diffs of BENCH_MR_DIFF_BYTES bytes,
// default 2,000), three notes (one a diff note with a position, its hunk and a suggestion), an assignee, a reviewer,
// an approval, metrics, a label and a state event; plus one merge request of BENCH_MR_HUGE_FILES files (default 1,000,
// 20,000 bytes of diff each: one record of about 20 MB). Served by the test source in batches of 1,000 (a 17.8 source)
// and imported by a real `ferry worker` process. Printed: the merge requests tracker's time from started to finished,
// ms per merge request and the ratio to GitLab's documented ~1 s per merge request (Ferry's target: at least 100 times
// faster), CPU per merge request, and the worker's peak resident memory (VmHWM), which must stay flat however large
// the relation: records are streamed, chunked by count and by bytes.
import fs from "node:fs";
import { benchDatabase, benchEnvironment, startWorker, stopChild } from "./bench/harness";

const dataDir = benchEnvironment();
const COUNT = Number(process.env.BENCH_MRS ?? 1_000);
const DIFF_BYTES = Number(process.env.BENCH_MR_DIFF_BYTES ?? 2_000);
const HUGE_FILES = Number(process.env.BENCH_MR_HUGE_FILES ?? 1_000);
const HUGE_DIFF_BYTES = 20_000;

const { and, eq } = await import("drizzle-orm");
const { bulkImportEntities, bulkImportTrackers, closeDb, getDb } = await import("@/lib/db");
const { stopBoss } = await import("@/lib/jobs");
const { startImports, STATUS } = await import("@/lib/migration");
const { createUser } = await import("@/lib/users");
const { waitForImports } = await import("@/test/helpers/imports");
const { DEFAULT_TOKEN, generated, startTestSource } = await import("@/test/source");
const { cpuSeconds, peakRssBytes, postgresCpuSeconds } = await import("./bench/proc-stats");
const { embedded, postmaster } = await benchDatabase(dataDir);

const at = (index: number) => new Date(Date.UTC(2020, 0, 1) + index * 60_000).toISOString();
const sha = (n: number) => (n * 2654435761).toString(16).padStart(8, "0").repeat(5).slice(0, 40);
/** A unified diff of about `bytes` bytes: every run imports the same merge requests. */
const diffText = (index: number, bytes: number) => {
  let text = `@@ -1,${index % 50} +1,${(index % 50) + 3} @@\n`;
  for (let line = 0; text.length < bytes; line++) text += `${line % 3 ? "+" : " "}    const value${line} = compute(${index}, ${line}); // keep the diff realistic\n`;
  return text;
};

function mergeRequest(index: number, files = 30, diffBytes = DIFF_BYTES) {
  const iid = index + 1;
  const head = sha(iid * 100 + 9);
  const position = { base_sha: sha(iid), start_sha: sha(iid), head_sha: head, old_path: "src/file-0.ts", new_path: "src/file-0.ts", position_type: "text", old_line: null, new_line: 3, line_range: null };
  return {
    id: 500_000 + iid, iid, title: `Merge request ${iid}`, description: `Changes ${iid}`, state: iid % 4 ? "opened" : "merged", source_branch: `feature-${iid}`, target_branch: "main",
    source_project_id: 5, target_project_id: 5, author_id: 1 + (index % 50), merge_status: "can_be_merged", diff_head_sha: head, created_at: at(index), updated_at: at(index + 1),
    merge_request_assignees: [{ user_id: 1 + ((index + 1) % 50), created_at: at(index) }],
    merge_request_reviewers: [{ user_id: 1 + ((index + 2) % 50), created_at: at(index), state: "reviewed" }],
    approvals: [{ user_id: 1 + ((index + 3) % 50), created_at: at(index), updated_at: at(index) }],
    metrics: { merged_by_id: iid % 4 ? null : 1, merged_at: iid % 4 ? null : at(index + 1), added_lines: 30, removed_lines: 3 },
    label_links: [{ label: { title: `label-${index % 20}`, color: "#428bca", type: "ProjectLabel" } }],
    resource_state_events: iid % 4 ? [] : [{ user_id: 1, state: "merged", created_at: at(index + 1) }],
    notes: [
      { id: 5_000_000 + index * 3, note: "Please rename this.", noteable_type: "MergeRequest", author_id: 1 + ((index + 2) % 50), author: { name: "Reviewer" }, type: "DiffNote", position, original_position: position, line_code: "abc_0_3", discussion_id: sha(iid * 7), created_at: at(index),
        note_diff_file: { diff_export: diffText(index, 300), new_path: "src/file-0.ts", old_path: "src/file-0.ts", a_mode: "100644", b_mode: "100644", new_file: false, renamed_file: false, deleted_file: false },
        suggestions: [{ relative_order: 0, from_content: "const a = 1;\n", to_content: "const renamed = 1;\n", applied: false, outdated: false, lines_above: 0, lines_below: 0 }] },
      { id: 5_000_000 + index * 3 + 1, note: "Done.", noteable_type: "MergeRequest", author_id: 1 + (index % 50), author: { name: "Author" }, type: "DiffNote", position, original_position: position, discussion_id: sha(iid * 7), created_at: at(index + 1) },
      { id: 5_000_000 + index * 3 + 2, note: "added 10 commits", noteable_type: "MergeRequest", author_id: 1 + (index % 50), system: true, system_note_metadata: { action: "commit", commit_count: 10 }, created_at: at(index) },
    ],
    merge_request_diff: {
      state: "collected", base_commit_sha: sha(iid), head_commit_sha: head, start_commit_sha: sha(iid), real_size: String(files), created_at: at(index), updated_at: at(index),
      merge_request_diff_commits: Array.from({ length: 10 }, (_, n) => ({
        relative_order: n, sha: sha(iid * 100 + 9 - n), message: `Commit ${n} of ${iid}\n`, authored_date: at(index), committed_date: at(index),
        commit_author: { name: "Ada Lovelace", email: "ada@example.com" }, committer: { name: "Grace Hopper", email: "grace@example.com" },
      })),
      merge_request_diff_files: Array.from({ length: files }, (_, n) => ({
        relative_order: n, utf8_diff: diffText(index * 31 + n, diffBytes), new_path: `src/file-${n}.ts`, old_path: `src/file-${n}.ts`, a_mode: "100644", b_mode: "100644", new_file: false, renamed_file: false, deleted_file: false, too_large: false,
      })),
    },
  };
}

const source = await startTestSource({ version: "17.8.0", batchSize: 1000 });
const total = COUNT + (HUGE_FILES > 0 ? 1 : 0);
source.addProject({
  groupId: 4351, path: "bench", name: "Bench",
  // Generated one record at a time as the download streams: the source holds none of them.
  relations: { merge_requests: generated(total, (index) => (index === COUNT ? mergeRequest(index, HUGE_FILES, HUGE_DIFF_BYTES) : mergeRequest(index))) },
});
const user = await createUser({ username: "bench", email: "bench@example.com", name: "Bench", password: "bench password" });
const worker = await startWorker("merge-requests");
try {
  const peakBefore = peakRssBytes(worker.pid!);
  const cpuBefore = { worker: cpuSeconds(worker.pid!), postgres: postgresCpuSeconds(postmaster) };
  const [bulk] = await startImports(user, { url: source.url, token: DEFAULT_TOKEN }, [
    { sourceFullPath: source.group(4351).path, destinationSlug: `bench-${Date.now()}`, destinationNamespace: "", migrateProjects: true, migrateMemberships: false },
  ]);
  const [done] = await waitForImports([bulk!.bulkImportId], 3_600_000);
  if (done!.status !== STATUS.finished) throw new Error(`the import ended with status ${done!.status}`);
  const cpu = { worker: cpuSeconds(worker.pid!) - cpuBefore.worker, postgres: postgresCpuSeconds(postmaster) - cpuBefore.postgres };
  const [tracker] = await getDb()
    .select({ startedAt: bulkImportTrackers.startedAt, finishedAt: bulkImportTrackers.finishedAt, imported: bulkImportTrackers.importedObjectsCount })
    .from(bulkImportTrackers)
    .innerJoin(bulkImportEntities, eq(bulkImportEntities.id, bulkImportTrackers.entityId))
    .where(and(eq(bulkImportEntities.bulkImportId, bulk!.bulkImportId), eq(bulkImportTrackers.relation, "merge_requests")));
  const seconds = (tracker!.finishedAt!.getTime() - tracker!.startedAt!.getTime()) / 1000;
  if (tracker!.imported !== total) throw new Error(`imported ${tracker!.imported} of ${total} merge requests`);
  const perMr = seconds / total;
  const relationMb = (COUNT * 30 * DIFF_BYTES + HUGE_FILES * HUGE_DIFF_BYTES) / 1e6;
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
  console.log(`merge requests: ${total} (10 commits, 30 files of ${DIFF_BYTES} B each; one of ${HUGE_FILES} files of ${HUGE_DIFF_BYTES} B), about ${relationMb.toFixed(0)} MB of diffs`);
  console.log(`time: ${seconds.toFixed(1)} s (export wait and download included): ${(perMr * 1000).toFixed(2)} ms per merge request`);
  console.log(`against GitLab's documented ~1 s per merge request: ${(1 / perMr).toFixed(0)}x faster (target: 100x)`);
  const cpuMs = ((cpu.worker + cpu.postgres) * 1000) / total;
  console.log(`CPU per merge request (whole import): ${cpuMs.toFixed(2)} ms (worker ${((cpu.worker * 1000) / total).toFixed(2)}, PostgreSQL ${((cpu.postgres * 1000) / total).toFixed(2)})`);
  console.log(`worker peak RSS: ${mb(peakRssBytes(worker.pid!))} MB (${mb(peakBefore)} MB when it started)`);
} finally {
  await stopChild(worker);
  await source.close();
  await stopBoss();
  await closeDb();
  await embedded.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
