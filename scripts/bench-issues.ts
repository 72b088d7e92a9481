// `npm run bench:issues`: a project's issues by direct transfer, against GitLab's documented pace.
//
// BENCH_ISSUES issues (default 10,000), each with a description of 300-2,000 bytes, two notes, a label, an assignee,
// an award emoji and a state event, served by the test source in batches of 1,000 (a 17.8 source) and imported by a
// real `ferry worker` process. Printed: the issues tracker's time from started to finished, its issues per second,
// and its ratio to GitLab's documented 0.1 s per issue (Ferry's target: at least 100 times faster), and the CPU the
// worker and PostgreSQL spent per issue.
import fs from "node:fs";
import { benchDatabase, benchEnvironment, startWorker, stopChild } from "./bench/harness";

const dataDir = benchEnvironment();
const COUNT = Number(process.env.BENCH_ISSUES ?? 10_000);

const { and, eq } = await import("drizzle-orm");
const { bulkImportEntities, bulkImportTrackers, closeDb, getDb } = await import("@/lib/db");
const { stopBoss } = await import("@/lib/jobs");
const { startImports, STATUS } = await import("@/lib/migration");
const { createUser } = await import("@/lib/users");
const { waitForImports } = await import("@/test/helpers/imports");
const { DEFAULT_TOKEN, fromRecords, startTestSource } = await import("@/test/source");
const { cpuSeconds, postgresCpuSeconds } = await import("./bench/proc-stats");
const { embedded, postmaster } = await benchDatabase(dataDir);

const WORDS = ["issue", "import", "group", "project", "label", "milestone", "note", "review", "deploy", "error", "fix", "test"];
/** Deterministic words of about `bytes` bytes: every run imports the same issues. */
const prose = (index: number, bytes: number) => {
  let text = "";
  for (let i = 0; text.length < bytes; i++) text += `${WORDS[(index * 31 + i * 7) % WORDS.length]} `;
  return text.trimEnd();
};
const at = (index: number) => new Date(Date.UTC(2020, 0, 1) + index * 60_000).toISOString();
function issue(index: number) {
  const iid = index + 1;
  return {
    id: 100_000 + iid, iid, title: `Issue ${iid}`, description: prose(index, 300 + ((index * 7919) % 1700)), state: iid % 3 ? "opened" : "closed",
    author_id: 1 + (index % 50), project_id: 5, created_at: at(index), updated_at: at(index + 1), confidential: false,
    issue_assignees: [{ user_id: 1 + ((index + 1) % 50) }],
    label_links: [{ label: { title: `label-${index % 20}`, color: "#428bca", type: "ProjectLabel" } }],
    award_emoji: [{ name: "thumbsup", user_id: 1 + ((index + 2) % 50), created_at: at(index) }],
    resource_state_events: iid % 3 ? [] : [{ user_id: 1, state: "closed", created_at: at(index + 1) }],
    notes: [0, 1].map((n) => ({ id: 1_000_000 + index * 2 + n, note: prose(index * 2 + n, 200), noteable_type: "Issue", author_id: 1 + ((index + n) % 50), author: { name: `User ${n}` }, system: n === 1, created_at: at(index + n), updated_at: at(index + n) })),
  };
}

const source = await startTestSource({ version: "17.8.0", batchSize: 1000 });
source.addProject({ groupId: 4351, path: "bench", name: "Bench", relations: { issues: fromRecords(Array.from({ length: COUNT }, (_, i) => issue(i))) } });
const user = await createUser({ username: "bench", email: "bench@example.com", name: "Bench", password: "bench password" });
const worker = await startWorker("issues");
try {
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
    .where(and(eq(bulkImportEntities.bulkImportId, bulk!.bulkImportId), eq(bulkImportTrackers.relation, "issues")));
  const seconds = (tracker!.finishedAt!.getTime() - tracker!.startedAt!.getTime()) / 1000;
  if (tracker!.imported !== COUNT) throw new Error(`imported ${tracker!.imported} of ${COUNT} issues`);
  const perIssue = seconds / COUNT;
  console.log(`issues: ${COUNT} in ${seconds.toFixed(1)} s (export wait and download included): ${(COUNT / seconds).toFixed(0)} issues/s, ${(perIssue * 1000).toFixed(2)} ms per issue`);
  console.log(`against GitLab's documented 0.1 s per issue: ${(0.1 / perIssue).toFixed(0)}x faster (target: 100x)`);
  // Wall time depends on what else the machine runs; CPU per issue much less so. Both cover the whole import (the
  // group's own small relations too), so they overstate the issues' share.
  const cpuMs = ((cpu.worker + cpu.postgres) * 1000) / COUNT;
  console.log(`CPU per issue (whole import): ${cpuMs.toFixed(2)} ms (worker ${((cpu.worker * 1000) / COUNT).toFixed(2)}, PostgreSQL ${((cpu.postgres * 1000) / COUNT).toFixed(2)}): ${(100 / cpuMs).toFixed(0)}x GitLab's 0.1 s`);
} finally {
  await stopChild(worker);
  await source.close();
  await stopBoss();
  await closeDb();
  await embedded.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
