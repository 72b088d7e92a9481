// `npm run bench:issue-pages`: how fast a project's Issues list, its group's Issues and an issue page with 500 notes
// answer. A production web server (`dist/server/start.mjs`, FERRY_WORKER=false, built if needed) serves them on a
// project of BENCH_ISSUES issues (default 500, each with a label, an assignee and a reaction), one of which has
// BENCH_NOTES notes (default 500: threads of five, every fifth a system note, some internal) and 100 resource events.
// Requests go one after another, as a person browsing; BENCH_REQUESTS (default 40) per page after 3 warm-ups.
// Printed: p50 and p95 per page, against the issue's 300 ms at p95, and each page's p50 as a ratio to the project's
// Labels page (the same header and tabs, one small query) measured in the same run, which says what the machine's
// load adds; then the time of the queries alone (lib/ readers in this process, the same database), per page. Times are
// not asserted anywhere: they depend on what else the machine runs.
import fs from "node:fs";
import { benchDatabase, benchEnvironment, percentile } from "./bench/harness";
import { signIn, startWebServer } from "./bench/web-server";

const dataDir = benchEnvironment();
const PORT = Number(process.env.BENCH_PORT ?? 3411);
const ISSUES = Number(process.env.BENCH_ISSUES ?? 500);
const NOTES = Number(process.env.BENCH_NOTES ?? 500);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40);

const { awardEmoji, closeDb, getDb, issueAssignees, issueLabels, issues, labels, notes, resourceLabelEvents, resourceStateEvents } = await import("@/lib/db");
const { createGroup } = await import("@/lib/groups");
const { createProject, findProject } = await import("@/lib/projects");
const { listActivity } = await import("@/lib/content");
const { countIssuesByState, findIssue, issueFilterOptions, listIssues, projectIssueScope, relatedMergeRequests } = await import("@/lib/issues");
const { createUser } = await import("@/lib/users");
const { embedded } = await benchDatabase(dataDir);

const password = "bench password";
const user = await createUser({ username: "bench", email: "bench@example.com", name: "Bench", password });
const group = await createGroup(user, { name: "Bench", path: "bench" });
const project = await createProject(user, { name: "Tracker", namespaceId: group.id });
const db = getDb();
const labelRows = await db.insert(labels).values(Array.from({ length: 20 }, (_, i) => ({ projectId: project.id, title: `label-${i}`, color: "#428bca" }))).returning();
const at = (minutes: number) => new Date(Date.UTC(2020, 0, 1) + minutes * 60_000);
const issueRows = [];
for (let start = 0; start < ISSUES; start += 1000) {
  const chunk = Array.from({ length: Math.min(1000, ISSUES - start) }, (_, k) => {
    const i = start + k;
    return { projectId: project.id, iid: i + 1, title: `Issue ${i + 1} about ${["login", "export", "search", "pipelines"][i % 4]}`, description: `Description of issue ${i + 1}.`, state: i % 3 ? ("opened" as const) : ("closed" as const), authorId: user.id, createdAt: at(i), updatedAt: at(i + 1) };
  });
  issueRows.push(...(await db.insert(issues).values(chunk).returning({ id: issues.id })));
}
for (let start = 0; start < issueRows.length; start += 1000) {
  const chunk = issueRows.slice(start, start + 1000);
  await db.insert(issueLabels).values(chunk.map((row, k) => ({ issueId: row.id, labelId: labelRows[(start + k) % 20]!.id })));
  await db.insert(issueAssignees).values(chunk.map((row) => ({ issueId: row.id, userId: user.id })));
  await db.insert(awardEmoji).values(chunk.map((row) => ({ awardableType: "Issue", awardableId: row.id, name: "thumbsup", userId: user.id })));
}
// The busy issue: the newest one.
const busy = issueRows[issueRows.length - 1]!.id;
const noteRows = Array.from({ length: NOTES }, (_, n) => ({
  projectId: project.id, noteableType: "Issue", noteableId: busy, authorId: user.id, note: `Note ${n}: some **Markdown** with \`code\` and a [link](https://example.com/${n}).`,
  discussionId: `d${Math.floor(n / 5)}`, system: n % 5 === 4, internal: n % 50 === 7, createdAt: at(10_000 + n),
}));
for (let start = 0; start < noteRows.length; start += 1000) await db.insert(notes).values(noteRows.slice(start, start + 1000));
await db.insert(resourceLabelEvents).values(Array.from({ length: 50 }, (_, n) => ({ projectId: project.id, issueId: busy, labelId: labelRows[n % 20]!.id, userId: user.id, action: n % 2 ? ("remove" as const) : ("add" as const), createdAt: at(10_000 + n * 10) })));
await db.insert(resourceStateEvents).values(Array.from({ length: 50 }, (_, n) => ({ projectId: project.id, issueId: busy, userId: user.id, state: n % 2 ? "reopened" : "closed", createdAt: at(10_005 + n * 10) })));
await db.execute("ANALYZE");

const web = await startWebServer(PORT);
try {
  const session = await signIn(web.base, "bench", password);
  const pages = [
    { name: "baseline: the project's Labels", path: `/${project.fullPath}/-/labels` },
    { name: "issue list (open, newest first)", path: `/${project.fullPath}/-/issues` },
    { name: "issue list (all, label, title sort)", path: `/${project.fullPath}/-/issues?state=all&label_name=label-3&sort=title_asc` },
    { name: "group Issues", path: `/groups/${group.fullPath}/-/issues` },
    { name: `issue page (${NOTES} notes, 100 events)`, path: `/${project.fullPath}/-/issues/${ISSUES}` },
  ];
  let baseline = 0;
  for (const page of pages) {
    const times: number[] = [];
    for (let i = 0; i < REQUESTS + 3; i++) {
      const started = performance.now();
      const response = await fetch(`${web.base}${page.path}`, { headers: { cookie: session } });
      const html = await response.text();
      if (!response.ok || !html.includes("Issue")) throw new Error(`${page.path} answered ${response.status}`);
      if (i >= 3) times.push(performance.now() - started);
    }
    const [p50, p95] = [percentile(times, 0.5), percentile(times, 0.95)];
    baseline ||= p50;
    console.log(`${page.name}: p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms (${times.length} requests; target p95 < 300 ms: ${p95 < 300 ? "met" : "missed"}); p50 ${(p50 / baseline).toFixed(2)}x the baseline's`);
  }

  // The queries alone, as the pages make them (the list: its rows, counts and filter choices; the issue: the issue, its
  // first page of activity and its merge requests).
  const viewer = { id: user.id, isAdmin: false };
  const scope = projectIssueScope(viewer, (await findProject(viewer, project.fullPath))!);
  const queries = [
    { name: "list queries", run: () => Promise.all([listIssues(scope, { state: "opened", page: 1, perPage: 20 }), countIssuesByState(scope, {}), issueFilterOptions(scope)]) },
    {
      name: "issue page queries",
      run: async () => {
        const issue = (await findIssue(scope, ISSUES))!;
        await Promise.all([listActivity({ noteableType: "Issue", noteableId: issue.id, canReadConfidential: true }, { page: 1, perPage: 40 }), relatedMergeRequests(viewer, (await findProject(viewer, project.fullPath))!, ISSUES)]);
      },
    },
  ];
  for (const query of queries) {
    const times: number[] = [];
    for (let i = 0; i < REQUESTS + 3; i++) {
      const started = performance.now();
      await query.run();
      if (i >= 3) times.push(performance.now() - started);
    }
    console.log(`${query.name}: p50 ${percentile(times, 0.5).toFixed(0)} ms, p95 ${percentile(times, 0.95).toFixed(0)} ms`);
  }
} finally {
  await web.stop();
  await closeDb();
  await embedded.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
