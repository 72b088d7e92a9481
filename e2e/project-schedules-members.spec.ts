import { expect, test } from "./support/test";
import { fromRecords, startTestSource, type TestSource } from "../test/source";
import { ADMIN_STATE, uniqueName } from "./support/accounts";
import { chooseParent, connectTo, importRow, pathInput } from "./support/importer";

test.use({ storageState: ADMIN_STATE });

const SCREENS = "test-results/screens";
let source: TestSource;

test.beforeAll(async () => {
  source = await startTestSource({ version: "17.8.0", batchSize: 4, groups: [{ fixture: "complex", path: "ci-source", name: "CI Source" }] });
  source.addUser({ id: 9101, username: "nightly.owner", name: "Nora Nightly" });
  source.addProject({
    groupId: source.group("ci-source").id,
    path: "pipelines",
    name: "Pipelines",
    members: [{ userId: 9101, accessLevel: 40 }],
    relations: {
      pipeline_schedules: fromRecords([
        { id: 1, description: "Nightly build", ref: "main", cron: "0 1 * * *", cron_timezone: "Europe/Paris", owner_id: 9101, active: true },
        { id: 2, description: "Weekly cleanup", ref: "release", cron: "30 6 * * 1", cron_timezone: "UTC", owner_id: 9101, active: false },
      ]),
    },
  });
});

test.afterAll(async () => {
  await source?.close();
});

test("a project imported with its pipeline schedules lists them under Pipeline schedules, owners as placeholders", async ({ page }) => {
  test.setTimeout(180_000);
  const slug = uniqueName("ci-dest");
  await connectTo(page, source);
  await page.getByRole("searchbox", { name: "Filter by source group" }).fill("ci-source");
  await page.getByRole("searchbox", { name: "Filter by source group" }).press("Enter");
  const row = importRow(page, "ci-source");
  await chooseParent(page, row, "ci-source", "No parent");
  await pathInput(row, "ci-source").fill(slug);
  await row.getByRole("button", { name: "Import with projects" }).click();
  await expect(row.getByText("Complete", { exact: true })).toBeVisible({ timeout: 150_000 });

  await page.goto(`/${slug}/pipelines`);
  await page.getByRole("link", { name: "Pipeline schedules" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/pipelines/-/pipeline_schedules$`));
  const table = page.getByRole("table", { name: "Pipeline schedules" });
  await expect(table.getByRole("row")).toHaveCount(3);
  const nightly = table.getByRole("row").filter({ hasText: "Nightly build" });
  await expect(nightly).toContainText("0 1 * * * (Europe/Paris)");
  await expect(nightly).toContainText("main");
  await expect(nightly).toContainText(/in \d+ hours?|in \d+ minutes?|tomorrow/);
  await expect(nightly).toContainText("Placeholder Nora Nightly");
  await expect(nightly.getByText("Placeholder", { exact: true })).toBeVisible();
  const weekly = table.getByRole("row").filter({ hasText: "Weekly cleanup" });
  await expect(weekly.getByText("Inactive").first()).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/project-pipeline-schedules.png`, fullPage: true });

  await page.getByRole("link", { name: "Inactive", exact: true }).click();
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText("Weekly cleanup");
});
