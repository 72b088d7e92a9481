// `npm run bench:merge-request-pages`: how fast the merge request pages and their API calls answer, against the issue's
// target of 300 ms at p95.
//
// A project with BENCH_MRS merge requests (default 3,000, in every state), one of them with BENCH_NOTES notes (default
// 500, a thread of three every ten) and BENCH_FILES diff files (default 300, every fiftieth over 100 KB, so collapsed),
// seeded by the tests' own helper. The production web server (`npm start`'s, no worker) answers BENCH_RUNS requests
// (default 30) of each, one at a time after two warm-ups, as a signed-in browser and with a token. Printed: p50 and
// p95 of each, in ms, and the bytes of each answer. Times are not asserted: they depend on what else the machine runs.
import { benchDatabase, benchEnvironment, median, percentile } from "./bench/harness";
import { signIn, startWebServer } from "./bench/web-server";

const dataDir = benchEnvironment();
const MRS = Number(process.env.BENCH_MRS ?? 3000);
const NOTES = Number(process.env.BENCH_NOTES ?? 500);
const FILES = Number(process.env.BENCH_FILES ?? 300);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const PORT = Number(process.env.BENCH_PORT ?? 3391);

const fs = await import("node:fs");
const { closeDb } = await import("@/lib/db");
const { createGroup } = await import("@/lib/groups");
const { createProject } = await import("@/lib/projects");
const { createUser } = await import("@/lib/users");
const { createPersonalAccessToken } = await import("@/lib/auth/tokens");
const { seedLargeMergeRequest } = await import("@/test/helpers/merge-request-seed");
const { embedded } = await benchDatabase(dataDir);

const password = "bench password";
const user = await createUser({ username: "bench", email: "bench@example.com", name: "Bench", password });
const group = await createGroup(user, { name: "Bench", path: "bench" });
const project = await createProject(user, { name: "Reviews", namespaceId: group.id });
const started = Date.now();
await seedLargeMergeRequest(project.id, user.id, { iid: 1, notes: NOTES, files: FILES, others: MRS - 1 });
console.error(`seeded ${MRS} merge requests, ${NOTES} notes and ${FILES} files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
const { token } = await createPersonalAccessToken(user.id, { name: "bench", scopes: ["read_api"] });
await closeDb();

const server = await startWebServer(PORT);
try {
  const cookie = await signIn(server.base, "bench", password);
  const page = `/${project.fullPath}/-/merge_requests`;
  const api = `/api/v4/projects/${project.id}/merge_requests`;
  const cases: [string, string, Record<string, string>][] = [
    ["page: merge requests list (Open)", page, { cookie }],
    ["page: merge requests list (All, searched)", `${page}?state=all&search=change`, { cookie }],
    [`page: MR with ${NOTES} notes (Overview)`, `${page}/1`, { cookie }],
    [`page: MR Changes, ${FILES} files`, `${page}/1/diffs`, { cookie }],
    ["page: MR Commits", `${page}/1/commits`, { cookie }],
    ["API: GET /projects/:id/merge_requests", api, { "private-token": token }],
    ["API: ... ?state=merged&order_by=updated_at", `${api}?state=merged&order_by=updated_at`, { "private-token": token }],
    ["API: GET .../merge_requests/:iid", `${api}/1`, { "private-token": token }],
    ["API: GET .../discussions?per_page=100", `${api}/1/discussions?per_page=100`, { "private-token": token }],
    ["API: GET .../notes?per_page=100", `${api}/1/notes?per_page=100`, { "private-token": token }],
    ["API: GET .../changes", `${api}/1/changes`, { "private-token": token }],
    ["API: GET .../diffs?per_page=100", `${api}/1/diffs?per_page=100`, { "private-token": token }],
    ["API: GET /groups/:id/merge_requests", `/api/v4/groups/${group.id}/merge_requests`, { "private-token": token }],
  ];
  console.log(`Merge requests: ${MRS} in the project, the large one with ${NOTES} notes and ${FILES} files; ${RUNS} runs each (target p95 < 300 ms)`);
  for (const [label, path, headers] of cases) {
    const times: number[] = [];
    let bytes = 0;
    for (let run = -2; run < RUNS; run++) {
      const begin = performance.now();
      const response = await fetch(`${server.base}${path}`, { headers });
      const body = await response.arrayBuffer();
      const ms = performance.now() - begin;
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      if (run >= 0) times.push(ms);
      bytes = body.byteLength;
    }
    const p95 = percentile(times, 0.95);
    console.log(`  ${label.padEnd(48)} p50 ${median(times).toFixed(0).padStart(5)} ms  p95 ${p95.toFixed(0).padStart(5)} ms  ${(bytes / 1024).toFixed(0).padStart(6)} KB${p95 > 300 ? "  (over 300 ms)" : ""}`);
  }
} finally {
  await server.stop();
  await embedded.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
