// `npm run bench:status`: how fast the status endpoints answer with 1,000 import entities on record, idle and while a
// 200,000-record import (BENCH_RECORDS) runs on the same host. A production web server (`dist/server/start.mjs`,
// FERRY_WORKER=false, built if needed) serves them; one worker imports; requests go one after another, as a page's
// polling and an API client make them. Printed: p50 and p95 per endpoint, idle and during the import.
import fs from "node:fs";
import { benchDatabase, benchEnvironment, percentile, startChild, startWorker, stopChild } from "./bench/harness";
import { signIn, startWebServer } from "./bench/web-server";

const dataDir = benchEnvironment();
const PORT = Number(process.env.BENCH_PORT ?? 3410);

const { closeDb, getDb, bulkImports, bulkImportEntities } = await import("@/lib/db");
const { createPersonalAccessToken } = await import("@/lib/auth/tokens");
const { stopBoss } = await import("@/lib/jobs");
const { startImports } = await import("@/lib/migration");
const { createUser } = await import("@/lib/users");
const { waitForImports } = await import("@/test/helpers/imports");
const { embedded } = await benchDatabase(dataDir);

const password = "bench password";
const user = await createUser({ username: "bench", email: "bench@example.com", name: "Bench", password });
const { token } = await createPersonalAccessToken(user.id, { name: "bench", scopes: ["api"] });

// 1,000 entities on record: 50 finished imports of 20 groups each, with per-relation stats as real ones have, started
// over the past day (started this minute, they would count against the import rate limit the measured import meets).
const seeded: number[] = [];
const stats = Object.fromEntries(["labels", "milestones", "epics", "boards", "badges", "members"].map((r, i) => [r, { source: 100 * i, fetched: 100 * i, imported: 100 * i }]));
for (let i = 0; i < 50; i++) {
  const [bulk] = await getDb()
    .insert(bulkImports)
    .values({ userId: user.id, sourceUrl: "https://gitlab.example.com", sourceVersion: "17.8.0", tokenCiphertext: "-", status: 2, createdAt: new Date(Date.now() - 86_400_000 + i * 60_000) })
    .returning();
  seeded.push(bulk!.id);
  await getDb()
    .insert(bulkImportEntities)
    .values(Array.from({ length: 20 }, (_, j) => ({ bulkImportId: bulk!.id, sourceType: "group_entity" as const, sourceFullPath: `old/g${i}-${j}`, destinationSlug: `g${i}-${j}`, destinationNamespace: "", status: 2, stats })));
}

const web = await startWebServer(PORT);
const base = web.base;
// A browser session for the page's endpoint.
const session = await signIn(base, "bench", password);

let runningImport = 0;
const endpoints: { name: string; request: () => Promise<Response> }[] = [
  { name: "GET /api/v4/bulk_imports/entities", request: () => fetch(`${base}/api/v4/bulk_imports/entities?per_page=20`, { headers: { "PRIVATE-TOKEN": token } }) },
  { name: "GET /api/v4/bulk_imports", request: () => fetch(`${base}/api/v4/bulk_imports?per_page=20`, { headers: { "PRIVATE-TOKEN": token } }) },
  { name: "GET /api/v4/bulk_imports/:id/entities", request: () => fetch(`${base}/api/v4/bulk_imports/${runningImport || 1}/entities`, { headers: { "PRIVATE-TOKEN": token } }) },
  // As the import history page polls it: the ids of the imports on its page (20), the running one among them.
  { name: "GET /import/bulk_imports/realtime_changes", request: () => fetch(`${base}/import/bulk_imports/realtime_changes?ids=${[runningImport || seeded[0], ...seeded.slice(-19)].join(",")}`, { headers: { cookie: session } }) },
];

async function measure(until: () => boolean): Promise<number[][]> {
  const times = endpoints.map(() => [] as number[]);
  while (!until()) {
    for (const [i, endpoint] of endpoints.entries()) {
      const started = performance.now();
      const response = await endpoint.request();
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${endpoint.name} answered ${response.status}`);
      times[i]!.push(performance.now() - started);
    }
  }
  return times;
}

// Warm the routes up (first requests compile nothing in production, but fill caches and pools), then idle.
await measure((() => { let n = 0; return () => n++ >= 20; })());
const idleUntil = Date.now() + 15_000;
const idle = await measure(() => Date.now() > idleUntil);

const { child: sourceProcess, line } = await startChild(["scripts/bench/source-process.ts"], { LOG_LEVEL: "warn" }, (l) => l.startsWith("{"));
const source = JSON.parse(line) as { url: string; token: string; group: string; records: number };
const worker = await startWorker("status");
const [bulk] = await startImports(user, { url: source.url, token: source.token }, [
  { sourceFullPath: source.group, destinationSlug: "status-bench", destinationNamespace: "", migrateProjects: false, migrateMemberships: false },
]);
runningImport = bulk!.bulkImportId;
let finished = false;
const done = waitForImports([bulk!.bulkImportId], 3_600_000).then(() => (finished = true));
const busy = await measure(() => finished);
await done;

await stopChild(worker);
await stopChild(sourceProcess);
await web.stop();
await stopBoss();
await closeDb();
await embedded.stop();
fs.rmSync(dataDir, { recursive: true, force: true });

console.log(`status endpoints with 1,001 entities on record: idle, then during a ${source.records}-record import (requests one after another)`);
for (const [i, { name }] of endpoints.entries()) {
  const f = (values: number[]) => `p50 ${percentile(values, 0.5).toFixed(0)} ms, p95 ${percentile(values, 0.95).toFixed(0)} ms (${values.length})`;
  console.log(`${name.padEnd(42)} idle ${f(idle[i]!)}; importing ${f(busy[i]!)}`);
}
