import { expect, test } from "./support/test";
import { ADMIN_STATE, uniqueName } from "./support/accounts";
import { insert, withDatabase } from "./support/database";
import { createToken } from "./support/tokens";

test.use({ storageState: ADMIN_STATE });

const SCREENS = "test-results/screens";

interface Seeded {
  boardId: number;
}

/**
 * What an import of a project writes (its pipelines are tested against the test source): labels of the project and
 * of its group, milestones, badges of both, a board with lists, and a placeholder member.
 */
async function seedPlan(projectId: number, groupId: number): Promise<Seeded> {
  return withDatabase(async (client) => {
    const bug = await insert(client, "labels", { project_id: projectId, title: "bug", color: "#d9534f", description: "Something is broken" });
    await insert(client, "labels", { project_id: projectId, title: "feature", color: "#5cb85c" });
    const triage = await insert(client, "labels", { group_id: groupId, title: "needs triage", color: "#f0ad4e", description: "From the group" });
    await insert(client, "milestones", { project_id: projectId, iid: 1, title: "v1.0", state: "closed", start_date: "2024-01-01", due_date: "2024-01-31", description: "The **first** release" });
    const v2 = await insert(client, "milestones", { project_id: projectId, iid: 2, title: "v2.0", start_date: "2024-06-01", due_date: "2999-06-30", description: "Next:\n\n- faster\n- smaller" });
    await insert(client, "badges", { project_id: projectId, name: "Pipeline", link_url: "https://ci.example.com/%{project_path}", image_url: "https://img.shields.io/badge/pipeline-passed-green" });
    await insert(client, "badges", { group_id: groupId, name: "Docs", link_url: "https://docs.example.com/%{project_name}", image_url: "https://img.shields.io/badge/docs-latest-blue" });
    const board = await insert(client, "boards", { project_id: projectId, name: "Development", milestone_id: v2 });
    await insert(client, "board_lists", { board_id: board, list_type: "backlog" });
    await insert(client, "board_lists", { board_id: board, list_type: "label", position: 0, label_id: bug });
    await insert(client, "board_lists", { board_id: board, list_type: "label", position: 1, label_id: triage, max_issue_count: 5 });
    await insert(client, "board_lists", { board_id: board, list_type: "closed" });
    await insert(client, "boards", { project_id: projectId, name: "Triage" });
    const placeholder = await insert(client, "users", { username: uniqueName("ada_placeholder"), email: `${uniqueName("p")}@noreply.example.com`, name: "Ada Source", user_type: "placeholder" });
    const source = await insert(client, "source_users", { source_url: "https://gitlab.example.com", source_user_id: 42, username: "ada", name: "Ada Lovelace" });
    await insert(client, "source_user_mappings", { source_user_id: source, root_group_id: groupId, user_id: placeholder, placeholder_user_id: placeholder });
    await insert(client, "project_members", { project_id: projectId, user_id: placeholder, access_level: 30, expires_at: "2999-12-31" });
    return { boardId: board };
  });
}

test("a project's Plan and Manage pages: labels, milestones, a milestone, boards, members, and its badges on the overview", async ({ page, request }) => {
  test.setTimeout(180_000);
  const token = await createToken(page, ["api"]);
  const headers = { "PRIVATE-TOKEN": token };
  const groupPath = uniqueName("plan");
  const group = await request.post("/api/v4/groups", { headers, data: { name: groupPath, path: groupPath } });
  expect(group.status()).toBe(201);
  const groupId = ((await group.json()) as { id: number }).id;
  const created = await request.post("/api/v4/projects", { headers, data: { name: "Roadmap", path: "roadmap", namespace_id: groupId, initialize_with_readme: true } });
  expect(created.status()).toBe(201);
  const projectId = ((await created.json()) as { id: number }).id;
  const { boardId } = await seedPlan(projectId, groupId);
  const base = `/${groupPath}/roadmap`;

  // The overview: badges under the title, each linking to its rendered link.
  await page.goto(base);
  const strip = page.getByRole("list", { name: "Project badges" });
  await expect(strip.getByRole("link")).toHaveCount(2);
  await expect(strip.getByRole("link").first()).toHaveAttribute("href", `https://ci.example.com/${groupPath}/roadmap`);
  await expect(strip.getByRole("link").nth(1)).toHaveAttribute("href", "https://docs.example.com/roadmap");
  await page.screenshot({ path: `${SCREENS}/project-overview-badges.png` });

  // Plan → Labels: the project's and its group's, filtered.
  const tabs = page.getByRole("navigation", { name: "Project" });
  await tabs.getByRole("link", { name: "Labels" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/-/labels$`));
  const labels = page.getByRole("list", { name: "Labels" }).getByRole("listitem");
  await expect(labels).toHaveCount(3);
  await expect(labels.filter({ hasText: "needs triage" })).toContainText(`Group label · ${groupPath}`);
  await page.screenshot({ path: `${SCREENS}/project-labels.png`, fullPage: true });
  await page.getByLabel("Filter labels").fill("broken");
  await page.getByLabel("Filter labels").press("Enter");
  await expect(labels).toHaveCount(1);
  await expect(labels.first()).toContainText("bug");

  // Plan → Milestones: Open by default, Closed and All, then one milestone's page.
  await tabs.getByRole("link", { name: "Milestones" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/-/milestones$`));
  const milestones = page.getByRole("list", { name: "Milestones" }).getByRole("listitem");
  await expect(milestones).toHaveCount(1);
  await expect(milestones.first()).toContainText("v2.0");
  await page.getByRole("navigation", { name: "Milestone state" }).getByRole("link", { name: "All" }).click();
  await expect(milestones).toHaveCount(2);
  await page.screenshot({ path: `${SCREENS}/project-milestones.png`, fullPage: true });
  await page.getByRole("navigation", { name: "Milestone state" }).getByRole("link", { name: "Closed" }).click();
  await expect(milestones).toHaveCount(1);
  await milestones.first().getByRole("link", { name: "v1.0" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/-/milestones/1$`));
  const milestone = page.getByRole("article", { name: "Milestone v1.0" });
  await expect(milestone.getByRole("heading", { level: 1, name: "v1.0" })).toBeVisible();
  await expect(milestone.getByText("Closed", { exact: true })).toBeVisible();
  await expect(milestone.getByText("first", { exact: true })).toHaveJSProperty("tagName", "STRONG");
  await expect(milestone).toContainText("Jan 31, 2024");
  await page.screenshot({ path: `${SCREENS}/project-milestone.png`, fullPage: true });
  expect((await page.request.get(`${base}/-/milestones/9`)).status()).toBe(404);

  // Plan → Issue boards: the first board by name, its lists as columns without cards; the other through the switcher's link.
  await tabs.getByRole("link", { name: "Issue boards" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/-/boards$`));
  const lanes = page.getByRole("group", { name: "Lists of Development" });
  await expect(lanes).toContainText("Open");
  await expect(lanes).toContainText("needs triage");
  await expect(lanes).toContainText("Closed");
  await expect(lanes.getByText("No issues in this list").first()).toBeVisible();
  await expect(page.getByTestId("board-scope")).toContainText("v2.0");
  await expect(page.getByText("2 boards in this project")).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/project-board.png`, fullPage: true });
  await page.goto(`${base}/-/boards/${boardId}`);
  await expect(page.getByRole("group", { name: "Lists of Development" })).toBeVisible();
  expect((await page.request.get(`${base}/-/boards/999999999`)).status()).toBe(404);

  // Manage → Members: the creator inherited from the group, the imported member as a placeholder.
  await tabs.getByRole("link", { name: "Members" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/-/project_members$`));
  const rows = page.getByRole("table").locator("tbody tr");
  await expect(rows).toHaveCount(2);
  const imported = page.locator('tbody tr[data-placeholder="true"]');
  await expect(imported).toContainText("for Ada Lovelace @ada on gitlab.example.com");
  await expect(imported).toContainText("Direct member");
  await expect(imported).toContainText("Developer");
  await expect(imported).toContainText("2999-12-31");
  await expect(rows.filter({ hasText: "Owner" })).toContainText(`Inherited from ${groupPath}`);
  await page.screenshot({ path: `${SCREENS}/project-members.png`, fullPage: true });

  // The API answers for the same project (its group's badge and label included).
  const apiBadges = (await (await request.get(`/api/v4/projects/${projectId}/badges`, { headers })).json()) as { kind: string }[];
  expect(apiBadges.map((b) => b.kind)).toEqual(["project", "group"]);
  const apiLabels = (await (await request.get(`/api/v4/projects/${projectId}/labels`, { headers })).json()) as { name: string }[];
  expect(apiLabels.map((l) => l.name)).toEqual(["bug", "feature", "needs triage"]);
});
