import { expect, test, type Page } from "./support/test";
import { ADMIN, ADMIN_STATE, uniqueName } from "./support/accounts";
import { insert, userIdOf, withDatabase } from "./support/database";

test.use({ storageState: ADMIN_STATE });

const SCREENS = "test-results/screens";

async function createGroup(page: Page, name: string, parentId?: number): Promise<void> {
  await page.goto(parentId ? `/groups/new?parent_id=${parentId}` : "/groups/new");
  await page.getByLabel("Group name").fill(name);
  await page.getByRole("button", { name: "Create group" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

const DESCRIPTION = [
  "## Goals",
  "Ship **payments** first, then the _mobile_ client (see &2).",
  "Triage ~bug and ~\"needs design\" first; &99 and `&2` are no links.",
  "- Card payments",
  "- Refunds via [the runbook](https://example.com/runbook)",
  "",
  "<script>alert('xss')</script> stays text, and so does [this](javascript:alert(1)).",
].join("\n");

/**
 * Epics written straight into the database (the import pipeline is tested on its own): a roadmap epic with three
 * children (one closed, one confidential, one in a subgroup), notes in threads with a placeholder's reply, a system
 * note, an internal note, award emoji, a state change, and enough old epics to need a second page.
 */
async function seed(rootPath: string, subPath: string) {
  return withDatabase(async (db) => {
    const groupId = async (fullPath: string) => (await db.query<{ id: number }>("SELECT id FROM groups WHERE full_path = $1", [fullPath])).rows[0]!.id;
    const root = await groupId(rootPath);
    const sub = await groupId(subPath);
    const admin = await userIdOf(db, ADMIN.username);
    const sourceName = uniqueName("grace");
    const placeholder = await insert(db, "users", { username: `${sourceName}_placeholder_user_1`, email: `${sourceName}@placeholder.ferry.invalid`, name: "Grace Source", user_type: "placeholder" });
    const sourceUser = await insert(db, "source_users", { source_url: "https://gitlab.example.com", source_user_id: 77, username: sourceName, name: "Grace Source" });
    await insert(db, "source_user_mappings", { source_user_id: sourceUser, root_group_id: root, user_id: placeholder, placeholder_user_id: placeholder });
    const bug = await insert(db, "labels", { group_id: root, title: "bug", color: "#d9534f", description: "Something is broken" });
    const design = await insert(db, "labels", { group_id: root, title: "needs design", color: "#f0ad4e" });

    const epic = (values: Record<string, unknown>) => insert(db, "epics", { group_id: root, author_id: admin, ...values });
    const roadmap = await epic({ iid: 1, title: "Q3 roadmap", description: DESCRIPTION, start_date: "2024-07-01", start_date_fixed: "2024-07-01", start_date_is_fixed: true, due_date: "2024-09-30", due_date_is_fixed: false, created_at: "2024-06-01T09:00:00Z" });
    const payments = await epic({ iid: 2, title: "Payments backend", state: "closed", closed_at: "2024-08-20T12:00:00Z", parent_id: roadmap, relative_position: 1, author_id: placeholder, created_at: "2024-06-02T09:00:00Z" });
    await epic({ iid: 3, title: "Hush-hush launch", confidential: true, parent_id: roadmap, relative_position: 2, created_at: "2024-06-03T09:00:00Z" });
    await epic({ group_id: sub, iid: 1, title: "Mobile client", parent_id: roadmap, relative_position: 3, created_at: "2024-06-04T09:00:00Z" });
    for (let i = 1; i <= 20; i++) await epic({ iid: 10 + i, title: `Backlog item ${i}`, created_at: `2023-01-${String(i).padStart(2, "0")}T09:00:00Z` });
    for (const [epicId, labelId] of [[roadmap, bug], [roadmap, design], [payments, bug]]) await db.query("INSERT INTO epic_labels (epic_id, label_id) VALUES ($1, $2)", [epicId, labelId]);

    const note = (values: Record<string, unknown>) => insert(db, "notes", { group_id: root, noteable_type: "Epic", noteable_id: roadmap, author_id: admin, ...values });
    await note({ note: "added epic &2 as child epic", system: true, system_action: "relate_epic", discussion_id: "sys-1", created_at: "2024-06-02T09:05:00Z", updated_at: "2024-06-02T09:05:00Z" });
    const question = await note({ note: "What is the **scope** of refunds?", discussion_id: "thread-1", created_at: "2024-06-05T10:00:00Z", updated_at: "2024-06-05T10:00:00Z" });
    await note({ note: "Partial refunds only, for now.", author_id: placeholder, discussion_id: "thread-1", created_at: "2024-06-05T11:00:00Z", updated_at: "2024-06-05T11:00:00Z" });
    await note({ note: "Budget approved by finance.", internal: true, discussion_id: "thread-2", created_at: "2024-06-06T10:00:00Z", updated_at: "2024-06-06T10:00:00Z" });
    await insert(db, "award_emoji", { awardable_type: "Epic", awardable_id: roadmap, name: "thumbsup", user_id: admin });
    await insert(db, "award_emoji", { awardable_type: "Epic", awardable_id: roadmap, name: "drum", user_id: placeholder });
    await insert(db, "award_emoji", { awardable_type: "Note", awardable_id: question, name: "thumbsup", user_id: placeholder });
    await insert(db, "resource_state_events", { group_id: root, epic_id: payments, user_id: placeholder, state: "closed", created_at: "2024-08-20T12:00:00Z" });
    return { sourceName };
  });
}

test("lists a group's epics with state tabs, search and pages, and shows an epic with its notes, labels, parent and children", async ({ page }) => {
  const name = uniqueName("Roadmaps");
  const path = name.toLowerCase();
  await createGroup(page, name);
  const rootId = Number(new URL((await page.getByRole("link", { name: "New subgroup" }).getAttribute("href"))!, "http://x").searchParams.get("parent_id"));
  await createGroup(page, "Apps", rootId);
  const { sourceName } = await seed(path, `${path}/apps`);

  // The list: open epics of the group and its subgroup, newest first, with labels, markers and counts.
  await page.goto(`/groups/${path}/-/epics`);
  const epics = page.getByRole("list", { name: "Epics" });
  await expect(page.getByRole("link", { name: /Open\s*23/ })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("link", { name: /Closed\s*1/ })).toBeVisible();
  await expect(epics.locator(":scope > li")).toHaveCount(20);
  const roadmapRow = epics.locator("li").filter({ has: page.getByRole("link", { name: "Q3 roadmap" }) });
  await expect(roadmapRow).toContainText("&1");
  await expect(roadmapRow).toContainText("3 child epics");
  await expect(roadmapRow.getByRole("list", { name: "Labels" })).toContainText("needs design");
  await expect(roadmapRow).toContainText("Jul 1, 2024 – Sep 30, 2024");
  await expect(epics.locator("li").filter({ hasText: "Hush-hush launch" }).getByText("Confidential")).toBeVisible();
  await expect(epics.locator("li").filter({ hasText: "Mobile client" })).toContainText("apps&1");
  await expect(epics).not.toContainText("Payments backend");
  await page.screenshot({ path: `${SCREENS}/epics-list.png`, fullPage: true });

  await page.getByRole("navigation", { name: "Epics pagination" }).getByRole("link", { name: "2" }).click();
  await expect(epics.locator(":scope > li")).toHaveCount(3);
  await expect(epics).toContainText("Backlog item 1");

  await page.getByRole("link", { name: /Closed\s*1/ }).click();
  await expect(epics.locator(":scope > li")).toHaveCount(1);
  const closedRow = epics.locator("li").filter({ hasText: "Payments backend" });
  await expect(closedRow).toContainText("Grace Source");
  await expect(closedRow.getByText("Placeholder", { exact: true })).toBeVisible();
  await expect(closedRow).toContainText("closed Aug 20, 2024");

  // Search keeps the state tab; All shows both states with their badges.
  await page.getByRole("link", { name: /All\s*24/ }).click();
  await expect(page).toHaveURL(/state=all/);
  await page.getByRole("searchbox", { name: "Search epics" }).fill("payments");
  await page.getByRole("searchbox", { name: "Search epics" }).press("Enter");
  await expect(page).toHaveURL(/state=all/);
  await expect(epics.locator(":scope > li")).toHaveCount(2);
  await expect(epics.locator("li").filter({ hasText: "Payments backend" }).getByText("Closed", { exact: true })).toBeVisible();
  await expect(epics.locator("li").filter({ hasText: "Q3 roadmap" }).getByText("Open", { exact: true })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/epics-search.png`, fullPage: true });

  // A label chip filters by its label, keeping the state tab; the filter can be cleared.
  await page.goto(`/groups/${path}/-/epics?state=all`);
  await epics.locator("li").filter({ hasText: "Q3 roadmap" }).getByRole("link", { name: "Show epics labelled needs design" }).click();
  await expect(page).toHaveURL(/state=all/);
  await expect(page).toHaveURL(/label_name=needs\+design/);
  await expect(epics.locator(":scope > li")).toHaveCount(1);
  await expect(epics.getByRole("link", { name: "Q3 roadmap" })).toBeVisible();
  await page.getByRole("link", { name: "Clear label" }).click();
  await expect(page).not.toHaveURL(/label_name/);
  await expect(page.getByRole("link", { name: "Clear label" })).toHaveCount(0);

  // The epic page.
  await epics.getByRole("link", { name: "Q3 roadmap" }).click();
  await expect(page).toHaveURL(new RegExp(`/groups/${path}/-/epics/1$`));
  await expect(page.getByRole("heading", { name: "Q3 roadmap" })).toBeVisible();
  const description = page.getByRole("region", { name: "Description" });
  await expect(description.getByRole("heading", { name: "Goals" })).toBeVisible();
  await expect(description.locator("strong")).toHaveText("payments");
  await expect(description.getByRole("link", { name: "the runbook" })).toHaveAttribute("href", "https://example.com/runbook");
  await expect(description.getByRole("link", { name: "&2" })).toHaveAttribute("href", `/groups/${path}/-/epics/2`);
  // References link only to what exists (lib/references): labels to their issues, a missing epic and code stay text.
  await expect(description.getByRole("link", { name: "~bug" })).toHaveAttribute("href", `/groups/${path}/-/epics?label_name=bug`);
  await expect(description.getByRole("link", { name: '~"needs design"' })).toHaveAttribute("href", `/groups/${path}/-/epics?label_name=needs%20design`);
  await expect(description.getByRole("link", { name: "&99" })).toHaveCount(0);
  await expect(description.locator("code")).toHaveText("&2");
  await page.screenshot({ path: "/tmp/references-epic.png", fullPage: true });
  await expect(description).toContainText("<script>alert('xss')</script> stays text");
  await expect(description.getByRole("link", { name: "this" })).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Reactions to the epic" }).getByLabel("thumbsup: 1")).toBeVisible();
  await expect(page.getByRole("list", { name: "Reactions to the epic" }).getByLabel("drum: 1")).toContainText("🥁");

  const details = page.getByRole("complementary", { name: "Epic details" });
  await expect(details.getByRole("list", { name: "Labels" })).toContainText("bug");
  await expect(details).toContainText("Jul 1, 2024Fixed");
  await expect(details).toContainText("Sep 30, 2024Inherited");
  await expect(details).toContainText(`${path}&1`);

  const children = page.getByRole("list", { name: "Child epics" });
  await expect(children.getByRole("link")).toHaveText(["Payments backend", "Hush-hush launch", "Mobile client"]);

  const activity = page.getByRole("list", { name: "Activity" });
  const system = activity.locator('[data-system="true"]');
  await expect(system).toHaveCount(1);
  await expect(system).toContainText("added epic &2 as child epic");
  const thread = activity.locator("li").filter({ hasText: "What is the scope of refunds?" });
  await expect(thread.getByRole("article")).toHaveCount(2);
  await expect(thread.getByRole("article").nth(1)).toContainText("Partial refunds only, for now.");
  await expect(thread.getByRole("article").nth(1).getByText("Placeholder", { exact: true })).toBeVisible();
  await expect(thread.getByRole("article").nth(1).locator(`[title="Placeholder for Grace Source @${sourceName} on https://gitlab.example.com"]`)).toBeVisible();
  await expect(thread.getByRole("article").first().getByLabel("thumbsup: 1")).toBeVisible();
  await expect(activity.locator("li").filter({ hasText: "Budget approved by finance." }).getByText("Internal note")).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/epic-page.png`, fullPage: true });

  // A child: its parent, and its closing as a state change in the activity.
  await children.getByRole("link", { name: "Payments backend" }).click();
  await expect(page.getByRole("heading", { name: "Payments backend" })).toBeVisible();
  await expect(page.getByText("Closed", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Epic details" }).getByRole("link", { name: /Q3 roadmap/ })).toHaveAttribute("href", `/groups/${path}/-/epics/1`);
  await expect(page.getByRole("list", { name: "Activity" }).locator('[data-system="true"]')).toContainText("closed");
  await page.screenshot({ path: `${SCREENS}/epic-child.png`, fullPage: true });

  // The subgroup's epic lives at the subgroup's path; an unknown epic is not found.
  await page.goto(`/groups/${path}/apps/-/epics/1`);
  await expect(page.getByRole("heading", { name: "Mobile client" })).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Epic details" }).getByRole("link", { name: /Q3 roadmap/ })).toBeVisible();
  const missing = await page.goto(`/groups/${path}/-/epics/999`);
  expect(missing?.status()).toBe(404);
});
