import { randomBytes } from "node:crypto";
import { expect, test } from "./support/test";
import { ADMIN_STATE, uniqueName } from "./support/accounts";
import { createToken } from "./support/tokens";
import { projectFixtureMembers, tarGzOf } from "../lib/migration/file-import/test-archives";

// Run alone with E2E_PORT=3392 (its own data directory): npx playwright test e2e/project-file-import.spec.ts
test.use({ storageState: ADMIN_STATE });

const SCREENS = "test-results/screens";

async function landingGroup(page: Parameters<typeof createToken>[0], request: import("@playwright/test").APIRequestContext) {
  const token = await createToken(page, ["api"], uniqueName("project-import"));
  const headers = { "PRIVATE-TOKEN": token };
  const groupPath = uniqueName("landing");
  const group = await request.post("/api/v4/groups", { headers, data: { name: groupPath, path: groupPath, visibility: "private" } });
  expect(group.status()).toBe(201);
  return { headers, groupPath, groupId: (await group.json()).id as number };
}

test("imports a project from a GitLab export with upload progress, follows its status live, then opens it", async ({ page, request }) => {
  test.setTimeout(180_000);
  const { headers, groupPath, groupId } = await landingGroup(page, request);
  // GitLab's complex project tree, and 3 MB the importer skips, so that the upload takes a while.
  const archive = await tarGzOf(projectFixtureMembers("complex", [{ header: { name: "./padding.bin" }, data: randomBytes(3 * 1024 * 1024) }]));
  const taken = await request.post("/api/v4/projects", { headers, data: { name: "Taken", path: "taken", namespace_id: groupId } });
  expect(taken.status()).toBe(201);

  await page.goto(`/projects/new?namespace_id=${groupId}`);
  await page.getByRole("link", { name: "Import project" }).click();
  await expect(page).toHaveURL(new RegExp(`/import/gitlab_project/new\\?namespace_id=${groupId}$`));
  await expect(page.getByRole("heading", { name: "GitLab export" })).toBeVisible();
  await expect(page.getByLabel("Group", { exact: true })).toHaveValue(String(groupId));
  await page.getByLabel("Project name").fill("Taken");
  // The path is checked as typed: against the rules, then against the group's projects.
  await expect(page.getByText(/This path is already taken/)).toBeVisible();
  await page.getByLabel("Project URL").fill("-bad");
  await expect(page.getByText("Path must not start or end with a special character and must not contain consecutive special characters.")).toBeVisible();
  await page.getByLabel("Project name").fill("Imported");
  await page.getByLabel("Project URL").fill("imported");
  await page.getByLabel("GitLab project export file").setInputFiles({ name: "export.tar.gz", mimeType: "application/gzip", buffer: archive });
  await page.screenshot({ path: `${SCREENS}/project-import-form.png`, fullPage: true });

  // A slow link (1 MB/s up), so that the progress bar can be seen moving.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: 10 * 1024 * 1024, uploadThroughput: 1024 * 1024 });
  await page.getByRole("button", { name: "Import project" }).click();
  const progress = page.getByRole("progressbar", { name: "Upload progress" });
  await expect(progress).toBeVisible();
  await expect.poll(async () => Number(await progress.getAttribute("aria-valuenow")), { timeout: 20_000 }).toBeGreaterThan(0);
  await page.screenshot({ path: `${SCREENS}/project-import-uploading.png`, fullPage: true });
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  // The import's status page takes over and follows the workers live.
  await expect(page).toHaveURL(/\/import\/bulk_imports\/\d+$/, { timeout: 60_000 });
  await expect(page.getByText("From the export file export.tar.gz")).toBeVisible();
  // The heading's badge, not the timeline's legend (which always says "Complete").
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Complete", { timeout: 90_000 });
  await page.screenshot({ path: `${SCREENS}/project-import-status.png`, fullPage: true });

  // The API says the same, as GitLab's GET /projects/:id/import.
  // (Polled: a relation's "Complete" can show on the page a moment before the project's import ends.)
  const importState = async () => (await request.get(`/api/v4/projects/${encodeURIComponent(`${groupPath}/imported`)}/import`, { headers })).json();
  await expect.poll(async () => ((await importState()) as { import_status: string }).import_status, { timeout: 60_000 }).toBe("finished");
  expect(await importState()).toMatchObject({ path_with_namespace: `${groupPath}/imported`, import_status: "finished", failed_relations: [] });

  await page.goto(`/${groupPath}/imported/-/issues`);
  await expect(page.getByRole("link", { name: "Issue without assignees" }).first()).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/project-import-issues.png`, fullPage: true });
});

test("refuses a hostile export file on the page with GitLab's message, creating nothing", async ({ page, request }) => {
  const { groupPath, groupId } = await landingGroup(page, request);
  const archive = await tarGzOf(projectFixtureMembers("complex", [], { version: "0.1.0" }));
  await page.goto(`/import/gitlab_project/new?namespace_id=${groupId}`);
  await page.getByLabel("Project name").fill("refused");
  await page.getByLabel("GitLab project export file").setInputFiles({ name: "old.tar.gz", mimeType: "application/gzip", buffer: archive });
  await page.getByRole("button", { name: "Import project" }).click();
  await expect(page.getByText("Import version mismatch: Required 0.2.4 but was 0.1.0")).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/project-import-refused.png`, fullPage: true });
  const response = await page.goto(`/${groupPath}/refused`);
  expect(response?.status()).toBe(404);
});
