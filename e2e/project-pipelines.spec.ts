import type pg from "pg";
import { expect, test } from "./support/test";
import { ADMIN, ADMIN_STATE, uniqueName } from "./support/accounts";
import { insert, userIdOf, withDatabase } from "./support/database";
import { createToken } from "./support/tokens";

test.use({ storageState: ADMIN_STATE });

const SCREENS = "test-results/screens";

// Rows an import writes (its pipelines are tested against the test source): three pipelines of the project's commit,
// one with a job, an external status and a trigger job in three stages, and a comment on the commit.
async function seedPipelines(client: pg.Client, projectId: number, sha: string, username: string) {
  const userId = await userIdOf(client, username);
  const pipeline = (values: Record<string, unknown>) => insert(client, "ci_pipelines", { project_id: projectId, sha, source: "push", ...values });
  const released = await pipeline({ iid: 1, ref: "main", status: "success", duration: 95, created_at: "2024-05-01T09:59:00Z", started_at: "2024-05-01T10:00:00Z", finished_at: "2024-05-01T10:01:35Z", user_id: userId, name: "Release train" });
  await pipeline({ iid: 2, ref: "feature/login", status: "failed", duration: 42, created_at: "2024-05-02T09:59:00Z", started_at: "2024-05-02T10:00:00Z", finished_at: "2024-05-02T10:00:42Z", source: "merge_request_event", merge_request_iid: 7 });
  await pipeline({ iid: 3, ref: "v1.0.0", tag: true, status: "running", created_at: "2024-05-03T09:59:00Z", started_at: "2024-05-03T10:00:00Z" });
  const stage = (name: string, position: number, status: string) => insert(client, "ci_stages", { project_id: projectId, pipeline_id: released, name, position, status });
  const [build, test_, deploy] = [await stage("build", 0, "success"), await stage("test", 1, "success"), await stage("deploy", 2, "success")];
  const job = (values: Record<string, unknown>) => insert(client, "ci_builds", { project_id: projectId, pipeline_id: released, ref: "main", ...values });
  await job({ stage_id: build, type: "Ci::Build", name: "compile", status: "success", stage: "build", started_at: "2024-05-01T10:00:05Z", finished_at: "2024-05-01T10:00:50Z", user_id: userId });
  await job({ stage_id: test_, type: "Ci::Build", name: "unit tests", status: "success", stage: "test", started_at: "2024-05-01T10:00:51Z", finished_at: "2024-05-01T10:01:20Z" });
  await job({ stage_id: test_, type: "GenericCommitStatus", name: "danger-review", status: "success", stage: "test", description: "No issues found", target_url: "https://ci.example.com/review/1" });
  await job({ stage_id: deploy, type: "Ci::Bridge", name: "deploy-downstream", status: "success", stage: "deploy", allow_failure: true });
  await insert(client, "notes", { project_id: projectId, noteable_type: "Commit", noteable_id: 0, commit_id: sha, note: "Shipped in **v1.0.0** 🎉", author_id: userId, created_at: "2024-05-01T11:00:00Z" });
}

test("a project's pipelines: the list with its tabs and stages, a pipeline's stages and jobs, the commit's comments, the API", async ({ page, request }) => {
  test.setTimeout(180_000);
  const token = await createToken(page, ["api"], uniqueName("ci"));
  const headers = { "PRIVATE-TOKEN": token };
  const groupPath = uniqueName("builds");
  expect((await request.post("/api/v4/groups", { headers, data: { name: groupPath, path: groupPath } })).status()).toBe(201);
  const groupId = ((await (await request.get(`/api/v4/groups/${groupPath}`, { headers })).json()) as { id: number }).id;
  const create = (path: string) => request.post("/api/v4/projects", { headers, data: { name: path, path, namespace_id: groupId, initialize_with_readme: true } });
  const project = (await (await create("rocket")).json()) as { id: number };
  expect((await create("quiet")).status()).toBe(201);
  const [commit] = (await (await request.get(`/api/v4/projects/${project.id}/repository/commits?per_page=1`, { headers })).json()) as { id: string }[];
  await withDatabase((client) => seedPipelines(client, project.id, commit!.id, ADMIN.username));

  // Build → Pipelines, from the project's tabs.
  await page.goto(`/${groupPath}/rocket`);
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Pipelines", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${groupPath}/rocket/-/pipelines$`));
  const table = page.getByRole("table", { name: "Pipelines" });
  await expect(table.getByRole("row")).toHaveCount(4);
  const rows = table.getByRole("row");
  await expect(rows.nth(1)).toContainText("Running");
  await expect(rows.nth(1)).toContainText("v1.0.0");
  await expect(rows.nth(2)).toContainText("Failed");
  await expect(rows.nth(2)).toContainText("feature/login");
  await expect(rows.nth(2)).toContainText("merge request event");
  await expect(rows.nth(2)).toContainText("00:00:42");
  const train = rows.nth(3);
  await expect(train).toContainText("Passed");
  await expect(train).toContainText("Release train");
  await expect(train).toContainText(commit!.id.slice(0, 8));
  await expect(train).toContainText(ADMIN.name);
  await expect(train).toContainText("00:01:35");
  await expect(train.getByRole("list", { name: /^Stages of pipeline/ }).getByRole("listitem")).toHaveText(["build: passed", "test: passed", "deploy: passed"]);
  await page.screenshot({ path: `${SCREENS}/project-pipelines.png`, fullPage: true });

  // GitLab's tabs: the finished ones, the newest of each branch, of each tag.
  const tabs = page.getByRole("navigation", { name: "Pipeline scope" });
  await tabs.getByRole("link", { name: "Finished" }).click();
  await expect(table.getByRole("row")).toHaveCount(3);
  await tabs.getByRole("link", { name: "Tags" }).click();
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("row").nth(1)).toContainText("v1.0.0");
  await tabs.getByRole("link", { name: "All" }).click();
  await expect(table.getByRole("row")).toHaveCount(4);

  // One pipeline: its stages as columns, each with its jobs (a job, an external status, a trigger job).
  await table.getByRole("link", { name: "Release train" }).click();
  await expect(page).toHaveURL(new RegExp(`/${groupPath}/rocket/-/pipelines/\\d+$`));
  await expect(page.getByRole("heading", { name: "Release train" })).toBeVisible();
  const stages = page.getByRole("list", { name: "Stages" });
  await expect(stages.locator("> li")).toHaveCount(3);
  const testStage = page.getByRole("region", { name: "Stage test" });
  await expect(testStage.getByRole("listitem")).toHaveCount(2);
  await expect(testStage.getByRole("listitem", { name: "Job unit tests" })).toContainText("00:00:29");
  await expect(testStage.getByRole("listitem", { name: "Job danger-review" })).toContainText("External");
  await expect(testStage.getByRole("link", { name: "danger-review" })).toHaveAttribute("href", "https://ci.example.com/review/1");
  await expect(page.getByRole("region", { name: "Stage deploy" }).getByRole("listitem", { name: "Job deploy-downstream" })).toContainText("Trigger job");
  await page.screenshot({ path: `${SCREENS}/project-pipeline.png`, fullPage: true });
  expect((await page.request.get(`/${groupPath}/rocket/-/pipelines/999999999`)).status()).toBe(404);

  // The commit's page shows its imported comment.
  await page.getByRole("link", { name: commit!.id.slice(0, 8), exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/-/commit/${commit!.id}$`));
  const comments = page.getByRole("region", { name: "1 comment" });
  await expect(comments.getByRole("listitem", { name: `Comment by ${ADMIN.name}` })).toContainText("Shipped in v1.0.0 🎉");
  await expect(comments.getByText("v1.0.0", { exact: true })).toHaveJSProperty("tagName", "STRONG");
  await page.screenshot({ path: `${SCREENS}/project-commit-comments.png`, fullPage: true });

  // A project without pipelines says so.
  await page.goto(`/${groupPath}/quiet/-/pipelines`);
  await expect(page.getByText("This project has no pipelines.", { exact: false })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/project-pipelines-empty.png`, fullPage: true });

  // The same through the API, in GitLab's shapes.
  const api = await request.get(`/api/v4/projects/${project.id}/pipelines?scope=finished`, { headers });
  expect(api.headers()["x-total"]).toBe("2");
  expect(((await api.json()) as { ref: string; status: string }[]).map((p) => [p.ref, p.status])).toEqual([["feature/login", "failed"], ["main", "success"]]);
  const statuses = await request.get(`/api/v4/projects/${project.id}/repository/commits/${commit!.id}/statuses`, { headers });
  expect(((await statuses.json()) as { name: string }[]).map((s) => s.name)).toEqual(["danger-review", "unit tests", "compile"]);
});
