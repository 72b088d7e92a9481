import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "./support/test";
import { startTestSource, type TestSource } from "../test/source";
import { ADMIN_STATE, uniqueName } from "./support/accounts";
import { insert, withDatabase } from "./support/database";
import { chooseParent, connectTo, importRow, pathInput } from "./support/importer";

test.use({ storageState: ADMIN_STATE });

const SCREENS = "test-results/screens";
const FIXTURE = "test/fixtures/gitlab/gitlabhq/spec/fixtures/lib/gitlab/import_export/group_exports/complex/tree/groups";
type Json = Record<string, unknown>;
const records = (group: number, relation: string): Json[] =>
  fs
    .readFileSync(path.join(FIXTURE, String(group), `${relation}.ndjson`), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Json);

let source: TestSource;
test.beforeAll(async () => {
  source = await startTestSource({ version: "17.8.0-ee", batchSize: 4, exportDelayMs: 100, groups: [{ fixture: "complex", path: "planning", name: "Planning" }] });
});
test.afterAll(async () => {
  await source?.close();
});

/** The board's columns as a user reads them: the list's name (or label) and its count. */
async function columnsOf(page: Page) {
  const lists = page.getByTestId("board-list");
  await expect(lists.first()).toBeVisible();
  return lists.evaluateAll((nodes) => nodes.map((n) => ({ type: n.getAttribute("data-list-type"), name: n.querySelector('[data-testid="board-list-name"]')?.textContent?.trim() })));
}

test("imports the complex group and shows its badges and boards as GitLab has them", async ({ page }) => {
  test.setTimeout(180_000);
  const slug = uniqueName("planning");
  await connectTo(page, source);
  const row = importRow(page, "planning");
  await chooseParent(page, row, "planning", "No parent");
  await pathInput(row, "planning").fill(slug);
  await row.getByRole("button", { name: "Import with projects" }).click();
  await expect(row.getByText("Complete", { exact: true })).toBeVisible({ timeout: 120_000 });

  // Badges: the root's one badge, nameless, its link shown, its image (a host that does not resolve) replaced by a note.
  const [badge] = records(4351, "badges");
  await page.goto(`/groups/${slug}/-/badges`);
  await expect(page.getByRole("link", { name: /Badges\s*1/ })).toBeVisible();
  const badgeRows = page.getByTestId("badge-row");
  await expect(badgeRows).toHaveCount(1);
  await expect(badgeRows.first()).toContainText("No name");
  await expect(badgeRows.first().getByRole("link", { name: String(badge!.link_url) })).toHaveAttribute("href", String(badge!.link_url));
  await expect(badgeRows.first()).toContainText(String(badge!.image_url));
  await expect(badgeRows.first().getByTestId("badge-image-fallback")).toHaveText("Image unavailable", { timeout: 20_000 });
  await page.screenshot({ path: `${SCREENS}/boards-badges-badges.png`, fullPage: true });

  // The root's board: Open first (GitLab adds it when a board is shown), the label lists in order, Closed last.
  const [firstBoard] = records(4351, "boards");
  await page.goto(`/groups/${slug}/-/boards`);
  await expect(page.getByRole("button", { name: `Switch board (current: ${firstBoard!.name})` })).toBeVisible();
  const labelLists = (firstBoard!.lists as Json[]).filter((l) => l.list_type === "label").sort((a, b) => Number(a.position) - Number(b.position));
  expect(await columnsOf(page)).toEqual([
    { type: "backlog", name: "Open" },
    ...labelLists.map((l) => ({ type: "label", name: String((l.label as Json).title) })),
    { type: "closed", name: "Closed" },
  ]);
  const tsl = page.getByRole("region", { name: "TSL list" });
  await expect(tsl.getByText("TSL", { exact: true })).toHaveCSS("background-color", "rgb(88, 121, 111)"); // #58796f
  await expect(tsl.getByLabel("0 issues")).toHaveText("0");
  await expect(tsl.getByText("No issues in this list")).toBeVisible();
  await expect(page.getByRole("note")).toContainText("does not import issues yet");
  await expect(page.getByTestId("board-scope")).toHaveCount(0);
  await page.screenshot({ path: `${SCREENS}/boards-badges-root-board.png`, fullPage: true });

  // A board with a scope and limits (none in the fixture; written as an import would): Upcoming milestone, a label, a
  // weight, a WIP limit, its Closed list hidden. It sorts after "first board", so it is reached with the switcher.
  await withDatabase(async (db) => {
    const root = (await db.query<{ id: number }>("SELECT id FROM groups WHERE full_path = $1", [slug])).rows[0]!.id;
    const labelId = async (title: string) => (await db.query<{ id: number }>("SELECT id FROM labels WHERE group_id = $1 AND title = $2", [root, title])).rows[0]!.id;
    const board = await insert(db, "boards", { group_id: root, name: "Release board", milestone_scope: -2, weight: 3, hide_closed_list: true });
    await db.query("INSERT INTO board_labels (board_id, label_id) VALUES ($1, $2)", [board, await labelId("Pons")]);
    await insert(db, "board_lists", { board_id: board, list_type: "label", position: 0, label_id: await labelId("Sosync"), max_issue_count: 5 });
    await insert(db, "board_lists", { board_id: board, list_type: "closed" });
  });
  await page.reload();
  await page.getByRole("button", { name: `Switch board (current: ${firstBoard!.name})` }).click();
  await page.getByRole("menuitem", { name: "Release board" }).click();
  await expect(page.getByRole("button", { name: "Switch board (current: Release board)" })).toBeVisible();
  const scope = page.getByTestId("board-scope");
  await expect(scope).toContainText("Milestone Upcoming");
  await expect(scope).toContainText("Weight 3");
  await expect(scope.getByText("Pons", { exact: true })).toBeVisible();
  expect(await columnsOf(page)).toEqual([
    { type: "backlog", name: "Open" },
    { type: "label", name: "Sosync" },
  ]);
  await expect(page.getByRole("region", { name: "Sosync list" }).getByLabel("0 issues of 5")).toHaveText("0/5");
  await expect(page.getByRole("region", { name: "Sosync list" })).toContainText("Work in progress: limit 5 issues");
  await page.screenshot({ path: `${SCREENS}/boards-badges-scoped-board.png`, fullPage: true });

  // A subgroup with two boards: the first by name is shown, the other one is a click away in the switcher.
  const sub = source.group(4352);
  const subBoards = records(4352, "boards").map((b) => String(b.name)).sort((a, b) => a.localeCompare(b));
  await page.goto(`/groups/${slug}/${sub.path}/-/boards`);
  const switcher = page.getByRole("button", { name: `Switch board (current: ${subBoards[0]})` });
  await expect(switcher).toBeVisible();
  await expect(page.getByText(`${subBoards.length} boards in this group`)).toBeVisible();
  expect(await columnsOf(page)).toEqual([{ type: "backlog", name: "Open" }]);
  await switcher.click();
  await expect(page.getByRole("menuitem")).toHaveText(subBoards);
  await page.screenshot({ path: `${SCREENS}/boards-badges-switcher.png`, fullPage: true });
  await page.getByRole("menuitem", { name: subBoards[1] }).click();
  await expect(page).toHaveURL(new RegExp(`/groups/${slug}/${sub.path}/-/boards/\\d+$`));
  await expect(page.getByRole("button", { name: `Switch board (current: ${subBoards[1]})` })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/boards-badges-sub-board.png`, fullPage: true });

  // A board of another group is not found under this one.
  const boardUrl = new URL(page.url()).pathname;
  const response = await page.goto(boardUrl.replace(`/${sub.path}/-/`, "/-/"));
  expect(response?.status()).toBe(404);
});
