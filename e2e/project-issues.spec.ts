import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import { expect, test } from "./support/test";
import { ADMIN, ADMIN_STATE, uniqueName } from "./support/accounts";
import { insert, userIdOf, withDatabase } from "./support/database";
import { git } from "./support/git";
import { lfsPointer, storeLfsObject } from "./support/lfs";
import { makePng, type Rgb } from "./support/png";
import { createToken } from "./support/tokens";

test.use({ storageState: ADMIN_STATE });

const SCREENS = "test-results/screens";

// A login screen's mock-up, 320×200: a header bar, a form and a button (the second version's button is bigger).
const mockup = (buttonHeight: number) =>
  makePng(320, 200, (x, y): Rgb => {
    if (y < 28) return [41, 41, 97];
    if (x >= 80 && x < 240 && y >= 60 && y < 84) return [235, 235, 240];
    if (x >= 110 && x < 210 && y >= 110 && y < 110 + buttonHeight) return [31, 117, 203];
    return [250, 250, 250];
  });
const FLOW = makePng(160, 100, (x): Rgb => (x % 40 < 20 ? [108, 194, 74] : [255, 255, 255]));

/**
 * The tracker's design repository as GitLab's DesignManagement keeps one (`designs/issue-<iid>/<file>` as Git LFS
 * pointers, one commit per version) where Ferry stores it, and the objects linked to the project: issue #1's first
 * version adds the mock-up and the old flow, its second changes the mock-up and deletes the flow. Gives the commits.
 */
async function makeDesignRepository(root: string, projectId: number): Promise<[string, string]> {
  const hash = createHash("sha256").update(String(projectId)).digest("hex");
  const bare = path.resolve(process.env.E2E_DATA_DIR!, "repositories", "@hashed", hash.slice(0, 2), hash.slice(2, 4), `${hash}.design.git`);
  fs.mkdirSync(path.dirname(bare), { recursive: true });
  git(root, ["init", "-q", "--bare", "--initial-branch=main", bare]);
  const work = path.join(root, "designs");
  fs.mkdirSync(path.join(work, "designs", "issue-1"), { recursive: true });
  git(work, ["init", "-q", "--initial-branch=main"]);
  const commit = (message: string) => {
    git(work, ["add", "--all"]);
    git(work, ["-c", "user.name=Ada", "-c", "user.email=ada@example.com", "commit", "-q", "-m", message]);
    return git(work, ["rev-parse", "HEAD"]).output.trim();
  };
  const [first, second] = [mockup(24), mockup(40)];
  for (const data of [first, second, FLOW]) await storeLfsObject(projectId, data, "design");
  fs.writeFileSync(path.join(work, ".gitattributes"), "/designs/** filter=lfs diff=lfs merge=lfs -text\n");
  fs.writeFileSync(path.join(work, "designs/issue-1/login-mockup.png"), lfsPointer(first));
  fs.writeFileSync(path.join(work, "designs/issue-1/old-flow.png"), lfsPointer(FLOW));
  const v1 = commit("Version 1");
  fs.writeFileSync(path.join(work, "designs/issue-1/login-mockup.png"), lfsPointer(second));
  fs.rmSync(path.join(work, "designs/issue-1/old-flow.png"));
  const v2 = commit("Version 2");
  git(work, ["push", "-q", bare, "main"]);
  return [v1, v2];
}

/**
 * Rows an import writes (the import itself is tested against GitLab's fixtures): tracker's issues #1-#4 with labels,
 * a milestone, an assignee, time tracking, a thread, a system note, an internal note, reactions and resource events;
 * a merge request closing #1; the subgroup's project's issue; a pipeline with a job.
 */
async function seed(client: pg.Client, ids: { tracker: number; lib: number }, sha: string, designShas: [string, string]) {
  const admin = await userIdOf(client, ADMIN.username);
  const p = ids.tracker;
  const bug = await insert(client, "labels", { project_id: p, title: "bug", color: "#d9534f" });
  const feature = await insert(client, "labels", { project_id: p, title: "feature", color: "#5cb85c" });
  const v1 = await insert(client, "milestones", { project_id: p, iid: 1, title: "v1.0", state: "active" });
  const issue = (values: Record<string, unknown>) => insert(client, "issues", { project_id: p, author_id: admin, ...values });
  const login = await issue({
    iid: 1, title: "Login fails on Safari", milestone_id: v1, weight: 3, due_date: "2030-03-01", time_estimate: 7200, created_at: "2024-01-01T10:00:00Z", updated_at: "2024-01-09T10:00:00Z",
    description: "Steps:\n\n1. Open the **login** page\n2. Submit\n\n```\nTypeError: undefined\n```",
  });
  const dark = await issue({ iid: 2, title: "Add dark mode", created_at: "2024-01-02T10:00:00Z", updated_at: "2024-01-02T10:00:00Z" });
  await issue({ iid: 3, title: "Crash on start", state: "closed", closed_at: "2024-01-05T10:00:00Z", closed_by_id: admin, created_at: "2024-01-03T10:00:00Z", updated_at: "2024-01-05T10:00:00Z" });
  await issue({ iid: 4, title: "Rotate the keys", confidential: true, created_at: "2024-01-04T10:00:00Z", updated_at: "2024-01-04T10:00:00Z" });
  await insert(client, "issues", { project_id: ids.lib, iid: 1, title: "Lib needs docs", author_id: admin, created_at: "2024-01-06T10:00:00Z" });
  await client.query("INSERT INTO issue_labels (issue_id, label_id) VALUES ($1, $2), ($3, $4)", [login, bug, dark, feature]);
  await client.query("INSERT INTO issue_assignees (issue_id, user_id) VALUES ($1, $2)", [login, admin]);
  await insert(client, "timelogs", { issue_id: login, user_id: admin, time_spent: 5400 });
  await insert(client, "award_emoji", { awardable_type: "Issue", awardable_id: login, name: "thumbsup", user_id: admin });
  const note = (values: Record<string, unknown>) => insert(client, "notes", { project_id: p, noteable_type: "Issue", noteable_id: login, author_id: admin, ...values });
  const question = await note({ note: "Which **Safari** version?", discussion_id: "d1", created_at: "2024-01-02T09:00:00Z" });
  await note({ note: "changed the description", system: true, discussion_id: "d2", created_at: "2024-01-02T09:30:00Z" });
  await note({ note: "Safari 17, on macOS.", discussion_id: "d1", created_at: "2024-01-03T09:00:00Z" });
  await note({ note: "Only the team should see this.", internal: true, discussion_id: "d3", created_at: "2024-01-04T09:00:00Z" });
  await insert(client, "award_emoji", { awardable_type: "Note", awardable_id: question, name: "tada", user_id: admin });
  await insert(client, "resource_label_events", { project_id: p, issue_id: login, label_id: bug, user_id: admin, action: "add", created_at: "2024-01-02T09:40:00Z" });
  await insert(client, "resource_milestone_events", { project_id: p, issue_id: login, milestone_id: v1, user_id: admin, action: "add", created_at: "2024-01-02T09:50:00Z" });
  await insert(client, "resource_state_events", { project_id: p, issue_id: login, user_id: admin, state: "closed", created_at: "2024-01-05T09:00:00Z" });
  await insert(client, "resource_state_events", { project_id: p, issue_id: login, user_id: admin, state: "reopened", created_at: "2024-01-06T09:00:00Z" });
  // Two designs of #1 (makeDesignRepository's): the mock-up changed in the second version, the old flow deleted by it; a
  // comment on the mock-up.
  const mockup = await insert(client, "designs", { project_id: p, issue_id: login, iid: 1, filename: "login-mockup.png", relative_position: 1 });
  const flow = await insert(client, "designs", { project_id: p, issue_id: login, iid: 2, filename: "old-flow.png", relative_position: 2 });
  const first = await insert(client, "design_versions", { issue_id: login, sha: designShas[0], author_id: admin, created_at: "2024-01-02T08:00:00Z" });
  const second = await insert(client, "design_versions", { issue_id: login, sha: designShas[1], author_id: admin, created_at: "2024-01-07T08:00:00Z" });
  for (const [design, version, event] of [[mockup, first, 0], [flow, first, 0], [mockup, second, 1], [flow, second, 2]]) await insert(client, "design_actions", { design_id: design, version_id: version, event });
  await insert(client, "notes", { project_id: p, noteable_type: "DesignManagement::Design", noteable_id: mockup, author_id: admin, note: "Make the button bigger", discussion_id: "dd1" });
  await insert(client, "merge_requests", { project_id: p, iid: 1, title: "Fix Safari login", description: "Closes #1", source_branch: "fix", target_branch: "main" });
  await insert(client, "merge_requests", { project_id: p, iid: 2, title: "Unrelated", description: "See #12", source_branch: "other", target_branch: "main" });
  const pipeline = await insert(client, "ci_pipelines", { project_id: p, sha, iid: 1, ref: "main", status: "success", source: "push", created_at: "2024-05-01T09:59:00Z" });
  const stage = await insert(client, "ci_stages", { project_id: p, pipeline_id: pipeline, name: "test", position: 0, status: "success" });
  await insert(client, "ci_builds", {
    project_id: p, pipeline_id: pipeline, stage_id: stage, type: "Ci::Build", name: "unit tests", status: "success", stage: "test", ref: "main",
    queued_at: "2024-05-01T10:00:00Z", started_at: "2024-05-01T10:00:05Z", finished_at: "2024-05-01T10:01:20Z", user_id: admin,
  });
}

test("issues: the list's states, filters and sorts, an issue's activity in order, the group's Issues, a job's page", async ({ page, request }) => {
  test.setTimeout(180_000);
  const token = await createToken(page, ["api"], uniqueName("issues"));
  const headers = { "PRIVATE-TOKEN": token };
  const groupPath = uniqueName("plan");
  expect((await request.post("/api/v4/groups", { headers, data: { name: groupPath, path: groupPath } })).status()).toBe(201);
  const group = (await (await request.get(`/api/v4/groups/${groupPath}`, { headers })).json()) as { id: number };
  expect((await request.post("/api/v4/groups", { headers, data: { name: "sub", path: "sub", parent_id: group.id } })).status()).toBe(201);
  const sub = (await (await request.get(`/api/v4/groups/${encodeURIComponent(`${groupPath}/sub`)}`, { headers })).json()) as { id: number };
  const create = async (path: string, namespaceId: number) => (await (await request.post("/api/v4/projects", { headers, data: { name: path, path, namespace_id: namespaceId, initialize_with_readme: true } })).json()) as { id: number };
  const tracker = await create("tracker", group.id);
  const lib = await create("lib", sub.id);
  const [commit] = (await (await request.get(`/api/v4/projects/${tracker.id}/repository/commits?per_page=1`, { headers })).json()) as { id: string }[];
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-e2e-designs-"));
  const designShas = await makeDesignRepository(scratch, tracker.id);
  fs.rmSync(scratch, { recursive: true, force: true });
  await withDatabase((client) => seed(client, { tracker: tracker.id, lib: lib.id }, commit!.id, designShas));

  // Plan → Issues, from the project's tabs, with the open count.
  await page.goto(`/${groupPath}/tracker`);
  const tab = page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: /^Issues/ });
  await expect(tab).toContainText("3");
  await tab.click();
  await expect(page).toHaveURL(new RegExp(`/${groupPath}/tracker/-/issues$`));
  const list = page.getByRole("list", { name: "Issues" });
  const titles = list.locator("> li").locator("p:first-child a");
  await expect(titles).toHaveText(["Rotate the keys", "Add dark mode", "Login fails on Safari"]);
  const states = page.getByRole("navigation", { name: "Issues state" });
  await expect(states).toContainText("Open3");
  await expect(states).toContainText("Closed1");
  await expect(list.locator("> li").first()).toContainText("Confidential");
  await page.screenshot({ path: `${SCREENS}/project-issues.png`, fullPage: true });

  await states.getByRole("link", { name: /^Closed/ }).click();
  await expect(titles).toHaveText(["Crash on start"]);
  await states.getByRole("link", { name: /^All/ }).click();
  await expect(titles).toHaveCount(4);

  // A label chip filters by its label; the chip above the list drops it again.
  await list.getByRole("link", { name: "Show issues labelled bug" }).click();
  await expect(titles).toHaveText(["Login fails on Safari"]);
  await expect(page.getByRole("list", { name: "Filters in use" })).toContainText("Label: bug");
  await page.getByRole("link", { name: "Clear label" }).click();
  await expect(titles).toHaveCount(4);

  // Search, then sort by title, through the filter form.
  await page.getByRole("searchbox", { name: "Search issues" }).fill("dark");
  await page.getByRole("searchbox", { name: "Search issues" }).press("Enter");
  await expect(titles).toHaveText(["Add dark mode"]);
  await page.getByRole("searchbox", { name: "Search issues" }).fill("");
  await page.getByLabel("Sort").selectOption("title_asc");
  await page.getByLabel("Milestone").selectOption("v1.0");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(titles).toHaveText(["Login fails on Safari"]);
  await page.getByRole("link", { name: "Clear milestone" }).click();
  await expect(titles).toHaveText(["Add dark mode", "Crash on start", "Login fails on Safari", "Rotate the keys"]);
  await page.screenshot({ path: `${SCREENS}/project-issues-sorted.png`, fullPage: true });

  // The issue: description, sidebar, the merge request that closes it, and the activity in order.
  await titles.filter({ hasText: "Login fails on Safari" }).click();
  await expect(page).toHaveURL(new RegExp(`/${groupPath}/tracker/-/issues/1$`));
  await expect(page.getByRole("heading", { name: "Login fails on Safari" })).toBeVisible();
  const description = page.getByRole("region", { name: "Description" });
  await expect(description.locator("strong")).toHaveText("login");
  await expect(description.getByRole("list", { name: "Reactions to the issue" })).toContainText("1");
  const details = page.getByRole("complementary", { name: "Issue details" });
  await expect(details).toContainText("bug");
  await expect(details).toContainText("v1.0");
  await expect(details).toContainText(ADMIN.name);
  await expect(details).toContainText("Spent: 1h 30m");
  await expect(details).toContainText("Estimate: 2h");
  await expect(details).toContainText("Mar 1, 2030");
  await expect(details).toContainText(`${groupPath}/tracker#1`);
  // Its designs, under the description: each with its image at its latest version (from the design repository and its
  // LFS object), its versions, its last change and its comments; the deleted one without an image.
  const designs = page.getByRole("list", { name: "Designs" });
  await expect(designs.getByRole("listitem")).toHaveText([
    /^login-mockup\.png\s*2 versions · updated Jan 7, 2024 · 1 comment$/,
    /^Image not available\s*old-flow\.png\s*Deleted\s*2 versions · updated Jan 7, 2024 · 0 comments$/,
  ]);
  await designs.scrollIntoViewIfNeeded();
  const thumbnail = designs.getByRole("img", { name: "login-mockup.png" });
  await expect(designs.getByRole("img")).toHaveCount(1);
  await expect(thumbnail).toHaveAttribute("src", new RegExp(`^/${groupPath}/tracker/-/design_management/designs/\\d+/${designShas[1]}/raw_image$`));
  await expect.poll(() => thumbnail.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBe(320);
  const image = await page.request.get((await thumbnail.getAttribute("src"))!);
  expect([image.status(), image.headers()["content-type"], image.headers()["cache-control"], image.headers()["content-security-policy"]]).toEqual([
    200, "image/png", "private, max-age=31536000, immutable", "default-src 'none'; sandbox",
  ]);
  // The thumbnail opens the full image; its latest address, without a version, is GitLab's too.
  const designId = /designs\/(\d+)\//.exec((await thumbnail.getAttribute("src"))!)![1];
  await expect(designs.getByRole("link", { name: "Open login-mockup.png" })).toHaveAttribute("href", (await thumbnail.getAttribute("src"))!);
  const latest = await page.request.get(`/${groupPath}/tracker/-/design_management/designs/${designId}/raw_image`);
  expect([latest.status(), Buffer.from(await latest.body()).equals(Buffer.from(await image.body()))]).toEqual([200, true]);
  await page.screenshot({ path: `${SCREENS}/project-issue-designs.png` });
  const related = page.getByRole("list", { name: "Related merge requests" });
  await expect(related.getByRole("listitem")).toHaveCount(1);
  await expect(related).toContainText("Fix Safari login");
  await expect(related).toContainText("closes this issue");
  const activity = page.getByRole("list", { name: "Activity" });
  await expect(activity.locator("> li")).toHaveText([
    /Which Safari version\?.*Safari 17, on macOS\./s,
    /changed the description/,
    /added\s*bug\s*label/,
    /changed milestone to %v1\.0/,
    /Only the team should see this\./,
    /closed/,
    /reopened/,
  ]);
  await expect(activity.locator("> li").first().getByRole("article")).toHaveCount(2);
  await expect(activity.locator("> li").first().getByRole("list", { name: "Reactions" }).first()).toContainText("🎉");
  await expect(activity.locator("> li").nth(4)).toContainText("Internal note");
  await page.screenshot({ path: `${SCREENS}/project-issue.png`, fullPage: true });

  // A merge request's own page is another engineer's; its link points where GitLab has it.
  await expect(related.getByRole("link", { name: "Fix Safari login" })).toHaveAttribute("href", `/${groupPath}/tracker/-/merge_requests/1`);
  // An issue the project lacks is a 404.
  expect((await page.goto(`/${groupPath}/tracker/-/issues/99`))!.status()).toBe(404);

  // The group's Issues: its projects' and its subgroups', named from the group.
  await page.goto(`/groups/${groupPath}`);
  const groupTab = page.getByRole("navigation", { name: "Group" }).getByRole("link", { name: /^Issues/ });
  await expect(groupTab).toContainText("4");
  await groupTab.click();
  await expect(page).toHaveURL(new RegExp(`/groups/${groupPath}/-/issues$`));
  await expect(list.locator("> li").first()).toContainText("sub/lib#1");
  await expect(titles).toHaveText(["Lib needs docs", "Rotate the keys", "Add dark mode", "Login fails on Safari"]);
  await page.screenshot({ path: `${SCREENS}/group-issues.png`, fullPage: true });
  await titles.filter({ hasText: "Lib needs docs" }).click();
  await expect(page).toHaveURL(new RegExp(`/${groupPath}/sub/lib/-/issues/1$`));
  // An issue without designs has no Designs section.
  await expect(page.getByRole("heading", { name: "Lib needs docs" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Designs/ })).toHaveCount(0);

  // A job's page, from its pipeline: status, stage, timing, and no log (traces are not migrated).
  await page.goto(`/${groupPath}/tracker/-/pipelines`);
  await page.getByRole("table", { name: "Pipelines" }).getByRole("row").nth(1).getByRole("link").first().click();
  await page.getByRole("list", { name: "Stages" }).getByRole("link", { name: "unit tests" }).click();
  await expect(page).toHaveURL(new RegExp(`/${groupPath}/tracker/-/jobs/\\d+$`));
  await expect(page.getByRole("heading", { name: "unit tests" })).toBeVisible();
  const job = page.getByRole("complementary", { name: "Job details" });
  await expect(job).toContainText("Passed");
  await expect(job).toContainText("test");
  await expect(job).toContainText("00:01:15");
  await expect(page.getByRole("region", { name: "Job log" })).toContainText("This job does not have a trace.");
  await page.screenshot({ path: `${SCREENS}/project-job.png`, fullPage: true });
  expect((await page.goto(`/${groupPath}/tracker/-/jobs/999999`))!.status()).toBe(404);
});
