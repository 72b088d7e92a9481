import { closeDb, setDatabaseUrl } from "@/lib/db";
import { BIG_FILE, DIFF_THREAD, RESOLVED_THREAD, seedMergeRequests } from "@/test/helpers/merge-request-seed";
import { expect, test } from "./support/test";
import { ADMIN, ADMIN_STATE, uniqueName } from "./support/accounts";
import { e2eDatabaseUrl, insert, userIdOf, withDatabase } from "./support/database";
import { createToken } from "./support/tokens";

test.use({ storageState: ADMIN_STATE });

const SCREENS = "test-results/screens";

test("a project's merge requests: the list and its filters, an MR's Overview with a diff thread, Commits, Changes, Pipelines; the group's list", async ({ page, request }) => {
  test.setTimeout(240_000);
  const token = await createToken(page, ["api"], uniqueName("mr"));
  const headers = { "PRIVATE-TOKEN": token };
  const groupPath = uniqueName("reviews");
  expect((await request.post("/api/v4/groups", { headers, data: { name: groupPath, path: groupPath } })).status()).toBe(201);
  const groupId = ((await (await request.get(`/api/v4/groups/${groupPath}`, { headers })).json()) as { id: number }).id;
  const project = (await (await request.post("/api/v4/projects", { headers, data: { name: "gitlab-test", path: "gitlab-test", namespace_id: groupId } })).json()) as { id: number };
  // The rows an import writes (see test/helpers/merge-request-seed.ts), by the one seed the API tests use.
  const reviewerName = uniqueName("rita");
  const [authorId, reviewerId] = await withDatabase(async (client) => [
    await userIdOf(client, ADMIN.username),
    await insert(client, "users", { username: reviewerName, email: `${reviewerName}@example.com`, name: "Rita Reviewer" }),
  ]);
  setDatabaseUrl(e2eDatabaseUrl());
  try {
    await seedMergeRequests(project.id, { author: authorId, reviewer: reviewerId });
  } finally {
    await closeDb();
  }
  // References in a description link where they exist (!7 does, !404 does not), as on the issue page.
  await withDatabase((client) => client.query("UPDATE merge_requests SET description = $1 WHERE project_id = $2 AND iid = 9", ["Follows up !7; not !404.", project.id]));
  const base = `/${groupPath}/gitlab-test`;

  // Code → Merge requests, from the project's tabs, with the open count; Open by default.
  await page.goto(base);
  const tab = page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: /^Merge requests/ });
  await expect(tab).toContainText("1");
  await tab.click();
  await expect(page).toHaveURL(new RegExp(`${base}/-/merge_requests$`));
  const list = page.getByRole("list", { name: "Merge requests" });
  const states = page.getByRole("navigation", { name: "Merge request state" });
  await expect(states.getByRole("link")).toHaveText(["Open1", "Merged1", "Closed1", "All3"]);
  await expect(list.locator(":scope > li")).toHaveCount(1);
  await expect(list.locator(":scope > li").first()).toContainText("MR1");
  await expect(list.locator(":scope > li").first()).toContainText("!9");
  await expect(list.locator(":scope > li").first()).toContainText("bug");
  await page.screenshot({ path: `${SCREENS}/merge-requests-list.png`, fullPage: true });

  // All, then filters: by reviewer, by author, by target branch, a search; a label none has.
  await states.getByRole("link", { name: /^All/ }).click();
  await expect(list.locator(":scope > li")).toHaveCount(3);
  const filters = page.getByRole("search", { name: "Filter merge requests" });
  await filters.getByLabel("Author").fill(reviewerName);
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(list.locator(":scope > li")).toHaveCount(1);
  await expect(list.locator(":scope > li").first()).toContainText("!7");
  await expect(list.locator(":scope > li").first()).toContainText("Closed");
  await page.getByRole("link", { name: "Clear filters" }).click();
  await filters.getByLabel("Reviewer").fill(reviewerName);
  await filters.getByLabel("Target branch").fill("feature");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(list.locator(":scope > li")).toHaveCount(1);
  await expect(list.locator(":scope > li").first()).toContainText("MR1");
  await page.getByRole("link", { name: "Clear filters" }).click();
  await filters.getByLabel("Search").fill("MR2");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(list.locator(":scope > li")).toHaveCount(1);
  await expect(list.locator(":scope > li").first()).toContainText("Merged");
  await page.getByRole("link", { name: "Clear filters" }).click();
  await filters.getByLabel("Label").fill("nothing-has-this");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("No merge requests match these filters.")).toBeVisible();

  // The Overview: description, approvals and reviewers, the diff thread under its lines, the resolved thread folded.
  await page.goto(`${base}/-/merge_requests?state=opened`);
  await list.getByRole("link", { name: "MR1" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/-/merge_requests/9$`));
  await expect(page.getByRole("heading", { name: "MR1" })).toBeVisible();
  await expect(page.getByText("requested to merge")).toBeVisible();
  const description = page.getByRole("region", { name: "Description" });
  await expect(description.getByRole("link", { name: "!7" })).toHaveAttribute("href", `${base}/-/merge_requests/7`);
  await expect(description.getByRole("link", { name: "!404" })).toHaveCount(0);
  await expect(description).toContainText("not !404.");
  const details = page.getByRole("complementary", { name: "Merge request details" });
  await expect(details.getByRole("region", { name: "Approvals" })).toContainText("Approved by 1 person");
  await expect(details.getByRole("region", { name: "Reviewers" })).toContainText("Rita Reviewer");
  await expect(details.getByRole("region", { name: "Milestone" })).toContainText("v1");
  const context = page.getByTestId("diff-thread-context");
  await expect(context).toContainText(DIFF_THREAD.path);
  await expect(context.getByRole("row").last()).toContainText(DIFF_THREAD.lineText);
  await expect(context.getByRole("row").last()).toContainText(String(DIFF_THREAD.newLine));
  await expect(page.getByText(DIFF_THREAD.reply)).toBeVisible();
  const resolved = page.locator("[data-resolved=true]");
  await expect(resolved).toContainText("Thread resolved by");
  await expect(resolved.getByText(RESOLVED_THREAD.reply)).toBeHidden();
  await resolved.getByText("Thread resolved by").click();
  await expect(resolved.getByText(RESOLVED_THREAD.reply)).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/merge-request-overview.png`, fullPage: true });

  // Commits, newest first.
  const mrTabs = page.getByRole("navigation", { name: "Merge request" });
  await mrTabs.getByRole("link", { name: /^Commits/ }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/-/merge_requests/9/commits$`));
  const commits = page.getByRole("list", { name: "Merge request commits" }).getByRole("listitem");
  await expect(commits).toHaveCount(6);
  await expect(commits.first()).toContainText("Feature conflict added");
  await expect(commits.first()).toContainText("bb5206fe");

  // Changes: the stored diff file by file; the large file collapsed until asked for.
  await mrTabs.getByRole("link", { name: /^Changes/ }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/-/merge_requests/9/diffs$`));
  await expect(page.getByRole("heading", { name: /Showing 10 changed files/ })).toBeVisible();
  const big = page.locator("details", { hasText: BIG_FILE }).last();
  await expect(big).toContainText("This diff is collapsed.");
  await expect(page.getByRole("table", { name: "Changes to files/ruby/popen.rb" })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/merge-request-changes.png`, fullPage: false });
  await big.getByRole("link", { name: "Click to expand" }).click();
  await expect(page).toHaveURL(/expand=vendor%2Fbig\.js/);
  await expect(page.getByRole("table", { name: `Changes to ${BIG_FILE}` })).toContainText("const big = 6000");

  // Pipelines.
  await mrTabs.getByRole("link", { name: /^Pipelines/ }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/-/merge_requests/9/pipelines$`));
  const pipelines = page.getByRole("table", { name: "Pipelines" });
  await expect(pipelines.getByRole("row")).toHaveCount(2);
  await expect(pipelines.getByRole("row").nth(1)).toContainText("Passed");
  await page.screenshot({ path: `${SCREENS}/merge-request-pipelines.png`, fullPage: true });

  // The group's Merge requests: its projects', referenced by full path.
  await page.goto(`/groups/${groupPath}/-/merge_requests?state=all`);
  await expect(page.getByRole("list", { name: "Merge requests" }).locator(":scope > li")).toHaveCount(3);
  await expect(page.getByRole("list", { name: "Merge requests" })).toContainText(`${groupPath}/gitlab-test!9`);
  await page.screenshot({ path: `${SCREENS}/group-merge-requests.png`, fullPage: true });

  // An unknown merge request and an unknown tab are GitLab's 404.
  expect((await page.goto(`${base}/-/merge_requests/99`))?.status()).toBe(404);
  expect((await page.goto(`${base}/-/merge_requests/9/nothing`))?.status()).toBe(404);
});
