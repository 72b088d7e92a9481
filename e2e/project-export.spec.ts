import fs from "node:fs";
import { spawnSync } from "node:child_process";
import { expect, test } from "./support/test";
import { ADMIN_STATE, uniqueName } from "./support/accounts";
import { insert, withDatabase } from "./support/database";
import { createToken } from "./support/tokens";

test.use({ storageState: ADMIN_STATE });

const SCREENS = "test-results/screens";

test("exports a project from Settings → General and downloads GitLab's archive with its repository and members", async ({ page, request }) => {
  test.setTimeout(150_000);
  const token = await createToken(page, ["api"], uniqueName("export"));
  const headers = { "PRIVATE-TOKEN": token };
  const groupPath = uniqueName("shipped");
  const group = await request.post("/api/v4/groups", { headers, data: { name: groupPath, path: groupPath, visibility: "private" } });
  expect(group.status()).toBe(201);
  const created = await request.post("/api/v4/projects", { headers, data: { name: "Cargo", path: "cargo", namespace_id: (await group.json()).id, visibility: "private", initialize_with_readme: true } });
  expect(created.status()).toBe(201);
  const projectId = (await created.json()).id as number;
  await withDatabase((client) => insert(client, "labels", { project_id: projectId, title: "fragile", color: "#dc143c" }));

  await page.goto(`/${groupPath}/cargo/-/edit`);
  const section = page.getByRole("region", { name: "Export project" });
  await expect(section.getByText("Project and wiki repositories, with every branch, tag and merge request ref")).toBeVisible();
  await section.getByRole("button", { name: "Export project" }).click();
  // The page follows the worker until the file is ready.
  await expect(section.getByText("Your export is ready")).toBeVisible({ timeout: 60_000 });
  await expect(section.getByText(/can be downloaded until/)).toBeVisible();
  await section.screenshot({ path: "/tmp/project-export-ready.png" });
  await page.screenshot({ path: `${SCREENS}/project-export-ready.png`, fullPage: true });

  // The API says the same, with GitLab's links.
  const status = await request.get(`/api/v4/projects/${projectId}/export`, { headers });
  expect(await status.json()).toMatchObject({ id: projectId, export_status: "finished", _links: { web_url: expect.stringMatching(new RegExp(`/${groupPath}/cargo/-/download_export$`)) } });

  const [download] = await Promise.all([page.waitForEvent("download"), section.getByRole("link", { name: "Download export" }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\d_\\d\\d-\\d\\d-\\d{3}_${groupPath}_cargo_export\\.tar\\.gz$`));
  const file = await download.path();
  const listed = spawnSync("tar", ["-tzf", file], { encoding: "utf8" });
  expect(listed.status).toBe(0);
  for (const member of ["./VERSION", "./tree/project.json", "./tree/project/labels.ndjson", "./tree/project/project_members.ndjson", "./project.bundle", "./lfs-objects.json"]) expect(listed.stdout).toContain(member);
  const labels = spawnSync("tar", ["-xzOf", file, "./tree/project/labels.ndjson"], { encoding: "utf8" });
  expect(labels.stdout).toContain('"title":"fragile"');
  expect(fs.statSync(file).size).toBeGreaterThan(0);

  // Downloads are limited to one a minute per project: the second one comes back with the reason.
  await section.getByRole("link", { name: "Download export" }).click();
  await expect(page.getByText("Downloads are limited")).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/project-export-limited.png`, fullPage: true });

  // Exporting again shows the worker's progress, then the new file.
  await section.getByRole("button", { name: "Export again" }).click();
  await expect(section.getByText("Your export is ready")).toBeVisible({ timeout: 60_000 });
});
