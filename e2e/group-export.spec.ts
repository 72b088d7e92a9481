import fs from "node:fs";
import { spawnSync } from "node:child_process";
import { expect, test } from "./support/test";
import { ADMIN_STATE, uniqueName } from "./support/accounts";
import { insert, withDatabase } from "./support/database";

test.use({ storageState: ADMIN_STATE });

const SCREENS = "test-results/screens";

test("exports a group from its settings and downloads GitLab's archive of it and its subgroup", async ({ page }) => {
  test.setTimeout(120_000);
  const slug = uniqueName("exported");
  await page.goto("/groups/new");
  await page.getByLabel("Group name").fill(slug);
  await page.getByLabel("Group URL").fill(slug);
  await page.getByRole("button", { name: "Create group" }).click();
  await expect(page).toHaveURL(new RegExp(`/groups/${slug}$`));
  await page.getByRole("link", { name: "New subgroup" }).click();
  await page.getByLabel("Group name").fill("Team");
  await page.getByLabel("Group URL").fill("team");
  await page.getByRole("button", { name: "Create group" }).click();
  await expect(page).toHaveURL(new RegExp(`/groups/${slug}/team$`));
  const [rootId, teamId] = await withDatabase(async (client) => {
    const ids = (await client.query<{ id: number; full_path: string }>("SELECT id, full_path FROM groups WHERE full_path IN ($1, $2)", [slug, `${slug}/team`])).rows;
    const root = ids.find((row) => row.full_path === slug)!.id;
    const team = ids.find((row) => row.full_path !== slug)!.id;
    await insert(client, "labels", { group_id: root, title: "bug", color: "#dc143c" });
    await insert(client, "labels", { group_id: team, title: "team-only", color: "#336699" });
    return [root, team];
  });

  await page.goto(`/groups/${slug}`);
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(new RegExp(`/groups/${slug}/-/edit$`));
  const section = page.getByRole("region", { name: "Export group" });
  await expect(section.getByText("Subgroups", { exact: true })).toBeVisible();
  await section.getByRole("button", { name: "Export group" }).click();
  // The page follows the worker until the file is ready.
  await expect(section.getByText("Your export is ready")).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: `${SCREENS}/group-export-ready.png`, fullPage: true });

  const [download] = await Promise.all([page.waitForEvent("download"), section.getByRole("link", { name: "Download export" }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\d_\\d\\d-\\d\\d-\\d{3}_${slug}_export\\.tar\\.gz$`));
  const file = await download.path();
  const listed = spawnSync("tar", ["-tzf", file], { encoding: "utf8" });
  expect(listed.status).toBe(0);
  expect(listed.stdout).toContain("./tree/groups/_all.ndjson");
  expect(listed.stdout).toContain(`./tree/groups/${teamId}/labels.ndjson`);
  const labels = spawnSync("tar", ["-xzOf", file, `./tree/groups/${teamId}/labels.ndjson`], { encoding: "utf8" });
  expect(labels.stdout).toContain('"title":"team-only"');
  const all = spawnSync("tar", ["-xzOf", file, "./tree/groups/_all.ndjson"], { encoding: "utf8" });
  expect(all.stdout).toBe(`${rootId}\n${teamId}\n`);
  expect(fs.statSync(file).size).toBeGreaterThan(0);

  // Downloads are limited to one a minute per group: the second one comes back with the reason.
  await section.getByRole("link", { name: "Download export" }).click();
  await expect(page.getByText("Downloads are limited")).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/group-export-limited.png`, fullPage: true });
});
