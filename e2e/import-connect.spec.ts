import { expect, test, type Page } from "./support/test";
import { DEFAULT_TOKEN, startTestSource, type TestSource } from "../test/source";
import { ADMIN_STATE, uniqueName } from "./support/accounts";
import { chooseParent, connectTo, importRow, parentPicker, pathInput } from "./support/importer";

test.use({ storageState: ADMIN_STATE });

const READ_ONLY_TOKEN = "glpat-e2e-read-only";
const SCREENS = "test-results/screens";
let source: TestSource;
let host: string;

test.beforeAll(async () => {
  source = await startTestSource({
    version: "17.8.0-ee",
    groups: [],
    tokens: [
      { token: DEFAULT_TOKEN, scopes: ["api"], userId: 1 },
      { token: READ_ONLY_TOKEN, scopes: ["read_api"], userId: 1 },
    ],
    // Slow exports keep an import running long enough to be watched and cancelled.
    exportDelayMs: 60_000,
  });
  source.addGroups(45);
  host = new URL(source.url).host;
});

test.afterAll(async () => {
  await source?.close();
});

const row = importRow;

/** Creates a group through the New group form, under `parentPath` when given; returns its full path. */
async function createLocalGroup(page: Page, name: string, parentPath?: string): Promise<string> {
  if (parentPath) {
    await page.goto(`/groups/${parentPath}`);
    await page.getByRole("link", { name: "New subgroup" }).click();
  } else {
    await page.goto("/groups/new");
  }
  await page.getByLabel("Group name").fill(name);
  await page.getByLabel("Group URL").fill(name.toLowerCase());
  await page.getByRole("button", { name: "Create group" }).click();
  const fullPath = parentPath ? `${parentPath}/${name.toLowerCase()}` : name.toLowerCase();
  await expect(page).toHaveURL(new RegExp(`/groups/${fullPath}$`));
  return fullPath;
}


test("connects a source, lists its groups, and validates destinations", async ({ page }) => {
  test.setTimeout(180_000);
  const landing = await createLocalGroup(page, uniqueName("Landing"));
  await createLocalGroup(page, "taken-path", landing);
  await createLocalGroup(page, "group-003", landing);

  // Entry points: the New group page links to the importer.
  await page.goto("/groups/new");
  await page.getByRole("link", { name: "Import group", exact: true }).click();
  await expect(page).toHaveURL(/\/import\/groups$/);
  await expect(page.getByRole("heading", { name: "Import groups by direct transfer" })).toBeVisible();
  if (await page.getByRole("button", { name: "Disconnect" }).isVisible()) await page.getByRole("button", { name: "Disconnect" }).click();

  // Not connected: the form, and a clear message for each refusal.
  const url = page.getByLabel("Source GitLab instance URL");
  const token = page.getByLabel("Personal access token");
  await expect(token).toHaveAttribute("type", "password");
  await expect(page.getByText("with the api scope", { exact: false })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/import-connect.png`, fullPage: true });

  await url.fill("not a url");
  await token.fill(DEFAULT_TOKEN);
  await page.getByRole("button", { name: "Connect instance" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("The source URL is not valid");

  await url.fill(source.url);
  await token.fill("glpat-wrong-token");
  await page.getByRole("button", { name: "Connect instance" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("rejected the personal access token (401 Unauthorized)");
  // The token is never sent back to the page; the URL is kept.
  await expect(token).toHaveValue("");
  await expect(url).toHaveValue(source.url);
  await page.screenshot({ path: `${SCREENS}/import-connect-error.png`, fullPage: true });

  await token.fill(READ_ONLY_TOKEN);
  await page.getByRole("button", { name: "Connect instance" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("must have the api scope (it has read_api)");

  await token.fill(DEFAULT_TOKEN);
  await page.getByRole("button", { name: "Connect instance" }).click();
  await expect(page.getByText(`Connected to ${host}`)).toBeVisible();
  expect(await page.content()).not.toContain(DEFAULT_TOKEN);

  // The list: 45 owned groups, 20 a page.
  const summary = page.getByText(/^Showing \d+-\d+ of/);
  await expect(summary).toHaveText(`Showing 1-20 of 45 groups that you own from ${host}`);
  await expect(page.getByTestId("import-item")).toHaveCount(20);
  const first = row(page, "group-001");
  await expect(first.getByRole("link", { name: /group-001/ })).toHaveAttribute("href", `${source.url}/groups/group-001`);
  await expect(first.getByText("Not started")).toBeVisible();
  await expect(pathInput(first, "group-001")).toHaveValue("group-001");
  await page.screenshot({ path: `${SCREENS}/import-list.png`, fullPage: true });

  await page.getByRole("button", { name: "Page 2" }).click();
  await expect(summary).toHaveText(`Showing 21-40 of 45 groups that you own from ${host}`);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(summary).toHaveText(`Showing 41-45 of 45 groups that you own from ${host}`);
  await expect(page.getByRole("button", { name: "Next" })).toBeDisabled();

  // Page size: back to page 1, and remembered.
  await page.getByLabel("Groups per page").selectOption("50");
  await expect(summary).toHaveText(`Showing 1-45 of 45 groups that you own from ${host}`);
  await page.reload();
  await expect(page.getByLabel("Groups per page")).toHaveValue("50");
  await expect(page.getByTestId("import-item")).toHaveCount(45);
  await page.getByLabel("Groups per page").selectOption("20");
  await expect(page.getByTestId("import-item")).toHaveCount(20);

  // Filter: resets to page 1; a filter that matches nothing says so.
  await page.getByRole("button", { name: "Page 3" }).click();
  await expect(summary).toHaveText(`Showing 41-45 of 45 groups that you own from ${host}`);
  const filter = page.getByRole("searchbox", { name: "Filter by source group" });
  await filter.fill("group-01");
  await filter.press("Enter");
  await expect(summary).toHaveText(`Showing 1-10 of 10 groups that you own matching filter "group-01" from ${host}`);
  await filter.fill("no-such-group");
  await filter.press("Enter");
  await expect(page.getByText("Sorry, your filter produced no results")).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/import-filter-empty.png`, fullPage: true });
  await filter.fill("");
  await expect(summary).toHaveText(`Showing 1-20 of 45 groups that you own from ${host}`);

  // Destinations, each check in GitLab's order.
  await first.getByRole("button", { name: "Import with projects" }).click();
  await expect(first.getByRole("alert")).toHaveText("Please select a parent group.");
  await expect(first.getByRole("button", { name: "Import with projects" })).toBeDisabled();

  const firstParent = parentPicker(first, "group-001");
  await firstParent.click();
  await expect(firstParent).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("dialog").getByRole("option", { name: landing, exact: true })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/import-parent-picker.png`, fullPage: true });
  await page.keyboard.press("Escape");
  await expect(firstParent).toHaveAttribute("aria-expanded", "false");
  await chooseParent(page, first, "group-001", landing);
  await expect(first.getByRole("alert")).toHaveCount(0);
  await expect(first.getByRole("button", { name: "Import with projects" })).toBeEnabled();

  const firstPath = pathInput(first, "group-001");
  await firstPath.fill("");
  await expect(first.getByRole("alert")).toHaveText("This field is required.");
  await firstPath.fill("bad path!");
  await expect(first.getByRole("alert")).toContainText("Please choose a group URL with no special characters or spaces");
  await expect(first.getByRole("button", { name: "Import with projects" })).toBeDisabled();
  await firstPath.fill("taken-path");
  await expect(first.getByRole("alert")).toHaveText("Name already exists.");

  const second = row(page, "group-002");
  await chooseParent(page, second, "group-002", landing);
  await pathInput(second, "group-002").fill("Taken-Path");
  await expect(second.getByRole("alert")).toHaveText("Name already used as a target for another group.");
  await firstPath.fill("fresh-path");
  await expect(first.getByRole("alert")).toHaveCount(0);
  await expect(second.getByRole("alert")).toHaveText("Name already exists.");

  // A taken default path gives way to a free suggestion.
  const third = row(page, "group-003");
  await chooseParent(page, third, "group-003", landing);
  await expect(pathInput(third, "group-003")).toHaveValue("group-003-1");
  await expect(third.getByRole("alert")).toHaveCount(0);

  // Top-level groups have their own reserved words.
  const fourth = row(page, "group-004");
  await chooseParent(page, fourth, "group-004", "No parent");
  await pathInput(fourth, "group-004").fill("admin");
  await expect(fourth.getByRole("alert")).toContainText("is a reserved name");
  await expect(fourth.getByRole("checkbox", { name: "Select group-004" })).toBeDisabled();
  await page.screenshot({ path: `${SCREENS}/import-validation.png`, fullPage: true });

  // Selection: select-all takes the rows that can be imported; invalid ones stay out.
  await page.getByRole("checkbox", { name: "Select all" }).check();
  await expect(page.getByText("18 selected")).toBeVisible();
  await page.getByRole("checkbox", { name: "Select all" }).uncheck();
  await expect(page.getByText("0 selected")).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Import user memberships" })).toBeChecked();

  // Import selected: the two valid rows go together, without projects, and can be cancelled.
  await first.getByRole("checkbox", { name: "Select group-001" }).check();
  await third.getByRole("checkbox", { name: "Select group-003" }).check();
  await expect(page.getByText("2 selected")).toBeVisible();
  await page.getByRole("button", { name: "Import selected options" }).click();
  await page.getByRole("menuitem", { name: "Import selected without projects" }).click();
  for (const started of [first, third]) {
    await expect(started.getByText(/^(Pending|Importing…)$/)).toBeVisible();
    await started.getByRole("button", { name: "Cancel" }).click();
    await expect(started.getByText("Cancelled")).toBeVisible();
  }
  await expect(first.getByText(`Last imported to ${landing}/fresh-path`)).toBeVisible();
  await expect(third.getByText(`Last imported to ${landing}/group-003-1`)).toBeVisible();
});

test("starts an import, shows it running, cancels it, and offers a re-import", async ({ page }) => {
  test.setTimeout(120_000);
  const landing = await createLocalGroup(page, uniqueName("Dest"));
  await connectTo(page, source);
  const r = row(page, "group-010");
  await chooseParent(page, r, "group-010", landing);
  await expect(r.getByRole("button", { name: "Import with projects" })).toBeEnabled();
  await r.getByRole("button", { name: "Import options for group-010" }).click();
  await page.getByRole("menuitem", { name: "Import without projects" }).click();

  await expect(r.getByText(/^(Pending|Importing…)$/)).toBeVisible();
  await expect(r.getByRole("button", { name: "Cancel" })).toBeVisible();
  await expect(pathInput(r, "group-010")).toBeDisabled();
  await page.screenshot({ path: `${SCREENS}/import-running.png`, fullPage: true });

  await r.getByRole("button", { name: "Cancel" }).click();
  await expect(r.getByText("Cancelled")).toBeVisible();
  await expect(r.getByText(`Last imported to ${landing}/group-010`)).toBeVisible();
  await expect(r.getByRole("link", { name: "Migration details" })).toHaveAttribute("href", /^\/import\/bulk_imports\/\d+$/);

  await r.getByRole("button", { name: "Re-import" }).click();
  await expect(r.getByText("Re-import creates a new group")).toBeVisible();
  await expect(pathInput(r, "group-010")).toBeEnabled();
  await expect(pathInput(r, "group-010")).toBeFocused();
  await pathInput(r, "group-010").fill("group-010-again");
  await expect(r.getByRole("button", { name: "Re-import with projects" })).toBeEnabled();
  await page.screenshot({ path: `${SCREENS}/import-reimport.png`, fullPage: true });
  await r.getByRole("button", { name: "Re-import with projects" }).click();
  await expect(r.getByText(/^(Pending|Importing…)$/)).toBeVisible();
  await expect(r.getByText(`Last imported to`)).toHaveCount(0);
  await r.getByRole("button", { name: "Cancel" }).click();
  await expect(r.getByText(`Last imported to ${landing}/group-010-again`)).toBeVisible();
});

test("switches to another instance: one connection bar, the new instance's groups, no form left waiting", async ({ page }) => {
  test.setTimeout(120_000);
  const other = await startTestSource({ version: "16.4.0", groups: [], tokens: [{ token: DEFAULT_TOKEN, scopes: ["api"], userId: 1 }] });
  try {
    other.addGroups(3, (i) => ({ path: `elsewhere-${i}`, name: `Elsewhere ${i}` }));
    await connectTo(page, source);
    await expect(importRow(page, "group-001")).toBeVisible();

    const bar = page.getByRole("region", { name: "Source instance" });
    await bar.getByRole("button", { name: "Switch instance" }).click();
    await page.getByLabel("Source GitLab instance URL").fill(other.url);
    await page.getByLabel("Personal access token").fill(DEFAULT_TOKEN);
    await page.getByRole("button", { name: "Connect instance" }).click();

    const otherHost = new URL(other.url).host;
    await expect(bar.getByRole("link", { name: otherHost, exact: true })).toBeVisible();
    await expect(page.getByRole("region", { name: "Source instance" })).toHaveCount(1);
    await expect(bar.getByText("(GitLab 16.4.0)")).toBeVisible();
    // The switch form closes with the new connection: nothing keeps saying "Connecting…".
    await expect(page.getByRole("form", { name: "Connect a source instance" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Connecting…" })).toHaveCount(0);
    // The list is the new instance's: its three groups, none of the first one's.
    await expect(importRow(page, "elsewhere-3")).toBeVisible();
    // Each row proposes its own group's path, not that of the other instance's group with the same id.
    await expect(pathInput(importRow(page, "elsewhere-3"), "elsewhere-3")).toHaveValue("elsewhere-3");
    await expect(importRow(page, "group-001")).toHaveCount(0);
    await page.screenshot({ path: `${SCREENS}/import-switched.png`, fullPage: true });
  } finally {
    await other.close();
  }
});
