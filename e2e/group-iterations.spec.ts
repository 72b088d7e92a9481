import fs from "node:fs";
import { expect, test } from "./support/test";
import { fromRecords, startTestSource, type TestSource } from "../test/source";
import { ADMIN_STATE, uniqueName } from "./support/accounts";
import { chooseParent, connectTo, importRow, pathInput } from "./support/importer";

test.use({ storageState: ADMIN_STATE });

// Other Playwright runs on this machine empty test-results/: E2E_SCREENS puts the screenshots somewhere of their own.
const SCREENS = process.env.E2E_SCREENS ?? "test-results/screens";
const PNG = fs.readFileSync("test/fixtures/ferry/group-avatar.png");
// The fixture is dated as exported on this day; its dates move to today so that its "current" sprint is current.
const FIXTURE_DAY = Date.parse("2026-11-22T00:00:00Z");

type Json = Record<string, unknown>;
const shift = (date: unknown, days: number) => new Date(Date.parse(`${String(date)}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
function cadencesAsOfToday(): Json[] {
  const days = Math.round((Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`) - FIXTURE_DAY) / 86_400_000);
  return fs
    .readFileSync("test/fixtures/ferry/iterations_cadences.ndjson", "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Json)
    .map((cadence) => ({
      ...cadence,
      start_date: shift(cadence.start_date, days),
      iterations: (cadence.iterations as Json[]).map((i) => ({ ...i, start_date: shift(i.start_date, days), due_date: shift(i.due_date, days) })),
    }));
}

let source: TestSource;

test.beforeAll(async () => {
  source = await startTestSource({ version: "17.8.0-ee", batchSize: 2, exportDelayMs: 100, groups: [{ fixture: "complex", path: "sprinting", name: "Sprinting Team" }] });
  const root = source.group("sprinting");
  source.setRelation(root.id, "iterations_cadences", fromRecords(cadencesAsOfToday()));
  source.setAvatar(root.id, "group-avatar.png", PNG);
});

test.afterAll(async () => {
  await source?.close();
});

test("imports a group's iteration cadences and avatar from an EE source, and shows them on the group", async ({ page }) => {
  test.setTimeout(120_000);
  const slug = uniqueName("sprinting");
  await connectTo(page, source);
  await page.getByRole("searchbox", { name: "Filter by source group" }).fill("sprinting");
  await page.getByRole("searchbox", { name: "Filter by source group" }).press("Enter");
  const row = importRow(page, "sprinting");
  await chooseParent(page, row, "sprinting", "No parent");
  await pathInput(row, "sprinting").fill(slug);
  await row.getByRole("button", { name: "Import with projects" }).click();
  await expect(row.getByText("Complete", { exact: true })).toBeVisible({ timeout: 90_000 });

  // The header shows the avatar that came from the source, served by Ferry at GitLab's upload path.
  await page.goto(`/groups/${slug}`);
  const heading = page.getByRole("heading", { name: "Sprinting Team" });
  await expect(heading).toBeVisible();
  const avatar = heading.locator("img");
  await expect(avatar).toHaveAttribute("src", /\/uploads\/-\/system\/group\/avatar\/\d+\/group-avatar\.png$/);
  await expect.poll(() => avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);
  await page.screenshot({ path: `${SCREENS}/iterations-group-header.png`, fullPage: true });

  // Iterations: open ones by cadence, the current sprint marked, untitled ones named by their dates.
  await page.getByRole("link", { name: /^Iterations/ }).click();
  await expect(page).toHaveURL(/\/-\/iterations/);
  await expect(page.getByRole("link", { name: "Open", exact: true })).toHaveAttribute("aria-current", "page");
  const sprints = page.getByRole("region", { name: "Platform sprints" });
  await expect(page.getByTestId("cadence")).toHaveCount(3);
  await expect(sprints).toContainText("3 open iterations");
  await expect(sprints.getByTestId("iteration")).toHaveCount(3);
  await expect(sprints.getByText("Current", { exact: true })).toHaveCount(1);
  await expect(sprints.getByText("Upcoming", { exact: true })).toHaveCount(2);
  await expect(sprints.getByText("Iterations, epics and boards")).toBeVisible();
  await expect(sprints.getByText(/^[A-Z][a-z]{2} \d{1,2}(, \d{4})? – [A-Z][a-z]{2} \d{1,2}, \d{4}$/).first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Release train" }).getByTestId("iteration")).toHaveCount(1);
  await expect(page.getByRole("region", { name: "Release train" })).toContainText("1 open iteration");
  await expect(page.getByRole("region", { name: "Legacy cadence (retired)" })).toContainText("No open iterations in this cadence.");
  await page.screenshot({ path: `${SCREENS}/iterations-open.png`, fullPage: true });

  await page.getByRole("link", { name: "Done", exact: true }).click();
  await expect(page).toHaveURL(/state=closed/);
  await expect(page.getByRole("region", { name: "Platform sprints" }).getByTestId("iteration")).toHaveCount(3);
  await expect(page.getByRole("region", { name: "Legacy cadence (retired)" })).toContainText("Inactive");
  await page.screenshot({ path: `${SCREENS}/iterations-done.png`, fullPage: true });

  await page.getByRole("link", { name: "All", exact: true }).click();
  await expect(page.getByTestId("iteration")).toHaveCount(11);
  await expect(page.getByRole("region", { name: "Platform sprints" })).toContainText("6 iterations");
  await page.screenshot({ path: `${SCREENS}/iterations-all.png`, fullPage: true });

  // Each iteration links to its page, at the path of the API's web_url: /-/iterations/<id>.
  const current = page.getByRole("region", { name: "Platform sprints" }).getByTestId("iteration").filter({ hasText: "Iterations, epics and boards" });
  const period = (await current.getByRole("link").textContent())!;
  await current.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/groups/${slug}/-/iterations/\\d+$`));
  await expect(page.getByRole("heading", { name: period, level: 2 })).toBeVisible();
  const article = page.getByRole("article");
  await expect(article.getByText("Current", { exact: true })).toBeVisible();
  await expect(article.getByRole("region", { name: "Description" })).toHaveText("Iterations, epics and boards");
  await expect(article.getByText("Issues are not migrated yet, so this iteration has none in Ferry.")).toBeVisible();
  const details = page.getByRole("complementary", { name: "Iteration details" });
  await expect(details).toContainText("Platform sprints");
  await expect(details).toContainText(/Start date[A-Z][a-z]{2} \d{1,2}, \d{4}/);
  await expect(details).toContainText(/Due date[A-Z][a-z]{2} \d{1,2}, \d{4}/);
  await page.screenshot({ path: `${SCREENS}/iteration-page.png`, fullPage: true });

  // An untitled iteration without a description says so; an unknown one is not found.
  const iterationUrl = page.url();
  await page.getByRole("link", { name: "← Back to iterations" }).click();
  await expect(page).toHaveURL(new RegExp(`/groups/${slug}/-/iterations$`));
  await page.getByRole("region", { name: "Platform sprints" }).getByTestId("iteration").last().getByRole("link").click();
  await expect(page.getByRole("article")).toContainText("No description.");
  await expect(page.getByRole("article").getByText("Upcoming", { exact: true })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText("Platform sprints");
  await page.screenshot({ path: `${SCREENS}/iteration-page-plain.png`, fullPage: true });
  const missing = await page.goto(iterationUrl.replace(/\d+$/, "2147483647"));
  expect(missing?.status()).toBe(404);
});
