import { randomBytes } from "node:crypto";
import { expect, test } from "./support/test";
import { ADMIN_STATE, uniqueName } from "./support/accounts";
import { fixtureMembers, tarGzOf } from "../lib/migration/file-import/test-archives";

test.use({ storageState: ADMIN_STATE });

const SCREENS = "test-results/screens";

test("imports a group from an export file with upload progress, follows its status live, then opens it", async ({ page }) => {
  test.setTimeout(180_000);
  // GitLab's fixture group with two subgroups, and 3 MB that the importer skips, so that the upload takes a while.
  const archive = await tarGzOf([...fixtureMembers("complex"), { header: { name: "./padding.bin" }, data: randomBytes(3 * 1024 * 1024) }]);
  const slug = uniqueName("from-file");

  await page.goto("/groups/new");
  await page.getByRole("link", { name: "import a group from an export file" }).click();
  await expect(page).toHaveURL(/\/import\/gitlab_group\/new$/);
  await expect(page.getByRole("heading", { name: "Import from an export file" })).toBeVisible();
  await page.getByLabel("New group name").fill(slug);
  await expect(page.getByLabel("New group URL")).toHaveValue(slug);
  // The path is checked as typed, as on the importer page.
  await page.getByLabel("New group URL").fill("-bad");
  await expect(page.getByText(/can only include|cannot start/i).first()).toBeVisible();
  await page.getByLabel("New group URL").fill(slug);
  await page.getByLabel("GitLab group export file").setInputFiles({ name: "export.tar.gz", mimeType: "application/gzip", buffer: archive });
  await page.screenshot({ path: `${SCREENS}/group-import-form.png`, fullPage: true });

  // A slow link (1 MB/s up), so that the progress bar can be seen moving.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: 10 * 1024 * 1024, uploadThroughput: 1024 * 1024 });
  await page.getByRole("button", { name: "Import group" }).click();
  const progress = page.getByRole("progressbar", { name: "Upload progress" });
  await expect(progress).toBeVisible();
  await expect.poll(async () => Number(await progress.getAttribute("aria-valuenow")), { timeout: 20_000 }).toBeGreaterThan(0);
  await page.screenshot({ path: `${SCREENS}/group-import-uploading.png`, fullPage: true });
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  // The import's status page takes over and follows the workers live.
  await expect(page).toHaveURL(/\/import\/bulk_imports\/\d+$/, { timeout: 60_000 });
  await expect(page.getByText("From the export file export.tar.gz")).toBeVisible();
  // The heading's badge, not the timeline's legend (which always says "Complete").
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Complete", { timeout: 90_000 });
  await expect(page.getByText("pwip17beq7vl4nuwz9ie7bk8navpxj1w04zylmmjveab5bargr").first()).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/group-import-status.png`, fullPage: true });

  await page.goto(`/groups/${slug}`);
  await expect(page.getByRole("heading", { name: slug })).toBeVisible();
  await expect(page.getByText("pwip17beq7vl4nuwz9ie7bk8navpxj1w04zylmmjveab5bargr").first()).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/group-import-group.png`, fullPage: true });
});

test("refuses a hostile export file on the page with GitLab's message, creating nothing", async ({ page }) => {
  const archive = await tarGzOf(fixtureMembers("complex", { version: "0.1.0" }));
  const slug = uniqueName("refused");
  await page.goto("/import/gitlab_group/new");
  await page.getByLabel("New group name").fill(slug);
  await page.getByLabel("GitLab group export file").setInputFiles({ name: "old.tar.gz", mimeType: "application/gzip", buffer: archive });
  await page.getByRole("button", { name: "Import group" }).click();
  await expect(page.getByText("Import version mismatch: Required 0.2.4 but was 0.1.0")).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/group-import-refused.png`, fullPage: true });
  const response = await page.goto(`/groups/${slug}`);
  expect(response?.status()).toBe(404);
});
