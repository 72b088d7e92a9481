import fs from "node:fs";
import { expect, test, type Locator, type Page } from "./support/test";
import { fromFile, fromRecords, startTestSource, type TestSource } from "../test/source";
import { ADMIN_STATE, uniqueName } from "./support/accounts";
import { chooseParent, connectTo, importRow, pathInput } from "./support/importer";

test.use({ storageState: ADMIN_STATE });

// Other Playwright runs on this machine empty test-results/: E2E_SCREENS puts the screenshots somewhere of their own.
const SCREENS = process.env.E2E_SCREENS ?? "test-results/screens";
const EPICS = "test/fixtures/gitlab/gitlabhq/spec/fixtures/lib/gitlab/import_export/group_exports/complex/tree/groups/4351/epics.ndjson";
const EPIC_BOARDS = "test/fixtures/ferry/epic_boards.ndjson";
const LATER_EPICS = 22;

type Json = Record<string, unknown>;
const T = "2025-10-03T08:00:00.000Z";
const label = (title: string, color: string) => ({ label: { title, color, description: null, type: "GroupLabel", created_at: T, updated_at: T } });
const TSL = label("TSL", "#58796f");
const SOSYNC = label("Sosync", "#110320");
const PONS = label("Pons", "#47f440");
const LATER = label("Roadmap::Later", "#8fbc8f");

/**
 * GitLab's fixture epics of the root carry no labels: here they get the board's labels (and one is closed), as a team
 * planning on the "Epic roadmap" board would have them, and the root gets a backlog of later ideas.
 */
function labelledEpics(): Json[] {
  const fixture = fs
    .readFileSync(EPICS, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Json);
  const labelled: Record<number, Json> = {
    1: { label_links: [TSL], color: "#c91c00" },
    2: { label_links: [TSL, SOSYNC] },
    3: { label_links: [PONS], state_id: "closed", closed_at: T },
    5: { label_links: [PONS] },
  };
  const later = Array.from({ length: LATER_EPICS }, (_, i) => ({
    iid: 100 + i,
    title: `Later idea ${i + 1}`,
    description: null,
    state: "opened",
    author_id: 1,
    created_at: new Date(Date.parse(T) + i * 60_000).toISOString(),
    updated_at: T,
    label_links: [LATER],
  }));
  return [...fixture.map((epic) => ({ ...epic, ...labelled[epic.iid as number] })), ...later];
}

let source: TestSource;
test.beforeAll(async () => {
  source = await startTestSource({ version: "18.5.0-ee", batchSize: 10, exportDelayMs: 100, groups: [{ fixture: "complex", path: "roadmapping", name: "Roadmapping" }] });
  const root = source.group("roadmapping");
  source.setRelation(root.id, "epic_boards", fromFile(EPIC_BOARDS));
  source.setRelation(root.id, "epics", fromRecords(labelledEpics()));
});
test.afterAll(async () => {
  await source?.close();
});

/** The board's columns as a user reads them: the list's name (or label) and its count. */
async function columnsOf(page: Page) {
  const lists = page.getByTestId("board-list");
  await expect(lists.first()).toBeVisible();
  return lists.evaluateAll((nodes) =>
    nodes.map((n) => ({ type: n.getAttribute("data-list-type"), name: n.querySelector('[data-testid="board-list-name"]')?.textContent?.trim(), count: n.querySelector('[data-testid="board-list-count"]')?.textContent?.trim() })),
  );
}

const cardTitles = (list: Locator) => list.getByTestId("epic-card").getByRole("link").allTextContents();

test("imports a group's epic boards from an EE 18.5 source and shows each as GitLab does, lists of epic cards", async ({ page }) => {
  test.setTimeout(180_000);
  const slug = uniqueName("roadmapping");
  await connectTo(page, source);
  const row = importRow(page, "roadmapping");
  await chooseParent(page, row, "roadmapping", "No parent");
  await pathInput(row, "roadmapping").fill(slug);
  await row.getByRole("button", { name: "Import with projects" }).click();
  await expect(row.getByText("Complete", { exact: true })).toBeVisible({ timeout: 120_000 });

  // The Boards tab counts the issue board and the three epic boards; its switcher lists them in two sections.
  await page.goto(`/groups/${slug}/-/boards`);
  await expect(page.getByRole("link", { name: /^Boards\s*4$/ })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("1 issue board and 3 epic boards in this group")).toBeVisible();
  await page.getByRole("button", { name: "Switch board (current: first board)" }).click();
  const menu = page.getByRole("menu");
  await expect(menu.getByText("Issue boards", { exact: true })).toBeVisible();
  await expect(menu.getByText("Epic boards", { exact: true })).toBeVisible();
  await expect(menu.getByRole("menuitem")).toHaveText(["first board", "Development", "Epic roadmap", "Portfolio review"]);
  await page.screenshot({ path: `${SCREENS}/epic-boards-switcher.png`, fullPage: true });
  await menu.getByRole("menuitem", { name: "Epic roadmap" }).click();

  // GitLab's URL, under the Boards tab: Open, the label lists by position, Closed, each with its epics.
  await expect(page).toHaveURL(new RegExp(`/groups/${slug}/-/epic_boards/\\d+$`));
  await expect(page.getByRole("button", { name: "Switch board (current: Epic roadmap)" })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Boards\s*4$/ })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("Epic board", { exact: true })).toBeVisible();
  expect(await columnsOf(page)).toEqual([
    { type: "backlog", name: "Open", count: "10" },
    { type: "label", name: "TSL", count: "2" },
    { type: "label", name: "Sosync", count: "1" },
    { type: "label", name: "Roadmap::Later", count: String(LATER_EPICS) },
    { type: "closed", name: "Closed", count: "3" },
  ]);
  const tsl = page.getByRole("region", { name: "TSL list" });
  expect(await cardTitles(tsl)).toEqual([expect.stringMatching(/^Omnis accusantium/), expect.stringMatching(/^Provident neque/)]);
  const first = tsl.getByTestId("epic-card").filter({ hasText: "Provident neque" });
  await expect(first.getByTestId("epic-reference")).toHaveText("&1");
  await expect(first.getByRole("list", { name: "Labels" })).toHaveText("TSL");
  // The board shows colours: the epic's own, else GitLab's default blue.
  await expect(first).toHaveCSS("border-left-color", "rgb(201, 28, 0)");
  await expect(tsl.getByTestId("epic-card").first()).toHaveCSS("border-left-color", "rgb(16, 104, 191)");
  await expect(page.getByRole("region", { name: "Sosync list" }).getByTestId("epic-card")).toHaveCount(1);
  // Open holds the root's open epics without a list's label (Pons has no list here) and the subgroups' open epics,
  // referenced from the board's group; Closed the closed ones of all of them.
  const open = page.getByRole("region", { name: "Open list" });
  await expect(open.getByTestId("epic-card")).toHaveCount(10);
  await expect(open.getByTestId("epic-reference").filter({ hasText: /^&[45]$/ })).toHaveCount(2);
  await expect(open.getByTestId("epic-reference").filter({ hasText: /^[\w/-]+&\d$/ })).toHaveCount(8);
  // A long list shows its first 20 cards and says how many more it holds.
  const later = page.getByRole("region", { name: "Roadmap::Later list" });
  await expect(later.getByTestId("epic-card")).toHaveCount(20);
  await expect(later).toContainText("2 epics more not shown");
  await expect(later.getByTestId("epic-card").first()).toContainText(`Later idea ${LATER_EPICS}`);
  const closed = page.getByRole("region", { name: "Closed list" });
  await expect(closed.getByTestId("epic-card")).toHaveCount(3);
  const done = closed.getByTestId("epic-card").filter({ hasText: "Quis dolore" });
  await expect(done.getByTestId("epic-reference")).toHaveText("&3");
  await expect(done.getByRole("list", { name: "Labels" })).toHaveText("Pons");
  await expect(closed.getByTestId("epic-reference").filter({ hasText: /^[\w-]+&[24]$/ })).toHaveCount(2);
  await page.screenshot({ path: `${SCREENS}/epic-board-roadmap.png`, fullPage: true });

  // A card links to its epic's page.
  await first.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/groups/${slug}/-/epics/1$`));
  await expect(page.getByRole("heading", { name: /^Provident neque/ })).toBeVisible();
  await page.goBack();

  // The other boards: hidden lists stay hidden, a board without colours shows none, list types given as integers.
  await page.getByRole("button", { name: "Switch board (current: Epic roadmap)" }).click();
  await page.getByRole("menuitem", { name: "Portfolio review" }).click();
  await expect(page.getByRole("button", { name: "Switch board (current: Portfolio review)" })).toBeVisible();
  expect(await columnsOf(page)).toEqual([
    { type: "label", name: "Pons", count: "1" },
    { type: "label", name: "Cocell", count: "0" },
    { type: "closed", name: "Closed", count: "3" },
  ]);
  const pons = page.getByRole("region", { name: "Pons list" });
  expect(await cardTitles(pons)).toEqual([expect.stringMatching(/^Ab deleniti/)]);
  await expect(pons.getByTestId("epic-card")).toHaveCSS("border-left-width", "1px");
  await expect(page.getByRole("region", { name: "Cocell list" })).toContainText("No epics in this list");
  await page.screenshot({ path: `${SCREENS}/epic-board-portfolio.png`, fullPage: true });

  // /-/epic_boards opens the first board by name; an unknown board is not found.
  await page.goto(`/groups/${slug}/-/epic_boards`);
  await expect(page.getByRole("button", { name: "Switch board (current: Development)" })).toBeVisible();
  expect((await columnsOf(page)).map((c) => c.name)).toEqual(["Open"]);
  await expect(page).toHaveTitle(new RegExp(`^Epic boards · ${slug}`));
  await page.screenshot({ path: `${SCREENS}/epic-board-development.png`, fullPage: true });
  const missing = await page.goto(`/groups/${slug}/-/epic_boards/2147483647`);
  expect(missing?.status()).toBe(404);
});
