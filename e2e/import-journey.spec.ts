import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./support/test";
import { makeSnippetRepository } from "../test/helpers/source-repository";
import { fromRecords, startTestSource, type TestSource } from "../test/source";
import { ADMIN_STATE, uniqueName } from "./support/accounts";
import { git } from "./support/git";
import { chooseParent, connectTo, importRow, pathInput } from "./support/importer";

test.use({ storageState: ADMIN_STATE });

const SCREENS = "test-results/screens";
const FIXTURE = "test/fixtures/gitlab/gitlabhq/spec/fixtures/lib/gitlab/import_export/group_exports/complex/tree/groups";
const lines = (file: string) => fs.readFileSync(path.join(FIXTURE, file), "utf8").split("\n").filter((l) => l.trim()).length;

let source: TestSource;
let scratch: string | undefined;

test.beforeAll(async () => {
  // Two copies of GitLab's "complex" group export (each with two subgroups), batched as on GitLab >= 16.2.
  source = await startTestSource({
    version: "17.8.0-ee",
    batchSize: 4,
    exportDelayMs: 400,
    groups: [
      { fixture: "complex", path: "complex-a", name: "Complex A" },
      { fixture: "complex", path: "complex-b", name: "Complex B" },
    ],
  });
  // A project in A with a repository made by the CLI (two commits, a tag), moved with it ("Import with projects").
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-e2e-import-project-"));
  const work = path.join(scratch, "work");
  fs.mkdirSync(work);
  git(work, ["init", "-q", "--initial-branch=main"]);
  git(work, ["config", "user.name", "Grace Source"]);
  git(work, ["config", "user.email", "grace@source.example"]);
  fs.writeFileSync(path.join(work, "README.md"), "# Satellite\n\nMoved here **with its history**.\n");
  git(work, ["add", "."]);
  git(work, ["commit", "-q", "-m", "Launch the satellite"]);
  fs.appendFileSync(path.join(work, "README.md"), "\nNow in orbit.\n");
  git(work, ["commit", "-q", "-am", "Reach orbit"]);
  git(work, ["tag", "-a", "v1.0", "-m", "In orbit"]);
  git(scratch, ["clone", "-q", "--bare", work, path.join(scratch, "satellite.git")]);
  // Its wiki (a home page), a release of its tag with a link, and a snippet with a repository of its own.
  const wiki = path.join(scratch, "wiki-work");
  fs.mkdirSync(wiki);
  git(wiki, ["init", "-q", "--initial-branch=main"]);
  git(wiki, ["config", "user.name", "Grace Source"]);
  git(wiki, ["config", "user.email", "grace@source.example"]);
  fs.writeFileSync(path.join(wiki, "home.md"), "# Flight manual\n\nCheck the **fuel** before launch.\n");
  git(wiki, ["add", "."]);
  git(wiki, ["commit", "-q", "-m", "Write the flight manual"]);
  git(scratch, ["clone", "-q", "--bare", wiki, path.join(scratch, "satellite.wiki.git")]);
  const created = "2024-05-01T10:00:00.000Z";
  source.addProject({
    groupId: source.group("complex-a").id, path: "satellite", name: "Satellite", description: "From the source",
    repository: path.join(scratch, "satellite.git"), wiki: path.join(scratch, "satellite.wiki.git"),
    relations: {
      releases: fromRecords([{ id: 1, tag: "v1.0", name: "First orbit", description: "We **reached** orbit.", author_id: 1, created_at: created, released_at: created, links: [{ id: 1, name: "Telemetry", url: "https://example.com/telemetry.csv", link_type: "other", created_at: created }] }]),
      snippets: fromRecords([{ id: 1, title: "Orbit check", content: "altitude = 400\n", file_name: "orbit.rb", description: "Keeps us up", visibility_level: 0, author_id: 1, created_at: created, updated_at: created, notes: [], award_emoji: [] }]),
    },
    snippets: [{ id: 1, title: "Orbit check", createdAt: "2024-05-01T10:00:00Z", repository: await makeSnippetRepository(scratch, [{ "orbit.rb": "altitude = 400\n" }]) }],
  });

  // One bad record in B's milestones: B must end "Partially completed" with that record in its failures.
  const b = source.group("complex-b");
  const bSub = [...source.store.groups.values()].find((g) => g.parentId === b.id && g.relations.has("milestones"))!;
  source.faults.malformedLine({ relation: "milestones", groupId: bSub.id, line: 1, mode: "replace", times: 1 });
});

test.afterAll(async () => {
  await source?.close();
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

test("imports two groups, watches them finish live, and finds everything in history, details, failures and the groups", async ({ page }) => {
  test.setTimeout(180_000);
  const slugA = uniqueName("imported-a");
  const slugB = uniqueName("imported-b");
  await connectTo(page, source);
  await page.getByRole("searchbox", { name: "Filter by source group" }).fill("complex");
  await page.getByRole("searchbox", { name: "Filter by source group" }).press("Enter");
  await expect(page.getByText(/Showing 1-2 of 2 groups/)).toBeVisible();

  for (const [fullPath, slug] of [
    ["complex-a", slugA],
    ["complex-b", slugB],
  ] as const) {
    const row = importRow(page, fullPath);
    await chooseParent(page, row, fullPath, "No parent");
    await pathInput(row, fullPath).fill(slug);
    await expect(row.getByRole("button", { name: "Import with projects" })).toBeEnabled();
    await row.getByRole("checkbox", { name: `Select ${fullPath}` }).check();
  }
  await expect(page.getByText("2 selected")).toBeVisible();
  await page.getByRole("button", { name: "Import selected with projects" }).click();

  // Statuses change on the page by themselves: no reload from here on.
  const rowA = importRow(page, "complex-a");
  const rowB = importRow(page, "complex-b");
  await expect(rowA.getByText(/^(Pending|Importing…)$/)).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/journey-importing.png`, fullPage: true });
  await expect(rowA.getByText("Complete", { exact: true })).toBeVisible({ timeout: 120_000 });
  await expect(rowB.getByText("Partially completed")).toBeVisible({ timeout: 120_000 });
  await expect(rowA.getByText(`Last imported to ${slugA}`)).toBeVisible();
  // A's row speaks for its project too.
  await expect(rowA.getByText("1 of 1 project", { exact: true })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/journey-complete.png`, fullPage: true });

  // History: both top-level groups and their subgroups, with per-relation counts and B's error.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Import history" }).click();
  await expect(page.getByRole("link", { name: slugA, exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: slugB, exact: true })).toBeVisible();
  // The project is an entity of A's import, linked to the project it became.
  await expect(page.getByRole("link", { name: `${slugA}/satellite`, exact: true })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/journey-history.png`, fullPage: true });
  await page.getByRole("link", { name: /Show errors/ }).first().click();
  await expect(page.getByRole("cell", { name: /JSON::ParserError/ })).toHaveCount(1);
  await page.screenshot({ path: `${SCREENS}/journey-failures.png`, fullPage: true });

  await page.goto("/import/history");
  await page.getByRole("link", { name: "Details" }).first().click();
  await expect(page.getByRole("heading", { name: /Migration details/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Timeline" })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/journey-details.png`, fullPage: true });

  // The imported project: its README, its history and its tag, as on the source.
  await page.goto("/import/history");
  await page.getByRole("link", { name: `${slugA}/satellite`, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${slugA}/satellite$`));
  await expect(page.getByRole("heading", { name: "Satellite", exact: true })).toBeVisible();
  await expect(page.getByText("with its history", { exact: true })).toHaveJSProperty("tagName", "STRONG");
  await expect(page.getByRole("link", { name: /2\s+Commits/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /1\s+Tag/ })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/journey-project.png`, fullPage: true });
  // Its release, its wiki and its snippet came with it.
  const tabs = page.getByRole("navigation", { name: "Project" });
  await tabs.getByRole("link", { name: "Releases" }).click();
  await expect(page.getByRole("heading", { name: "First orbit" })).toBeVisible();
  await expect(page.getByText("reached", { exact: true })).toHaveJSProperty("tagName", "STRONG");
  await expect(page.getByRole("link", { name: "Telemetry" })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/journey-project-releases.png`, fullPage: true });
  await tabs.getByRole("link", { name: "Wiki" }).click();
  await expect(page.getByText("fuel", { exact: true })).toHaveJSProperty("tagName", "STRONG");
  await page.screenshot({ path: `${SCREENS}/journey-project-wiki.png`, fullPage: true });
  await tabs.getByRole("link", { name: "Snippets" }).click();
  await page.getByRole("link", { name: "Orbit check" }).click();
  await expect(page.getByText("altitude")).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/journey-project-snippet.png`, fullPage: true });

  // The imported group: its subgroups, labels and milestones as on the source.
  await page.goto(`/groups/${slugA}`);
  await expect(page.getByRole("heading", { name: "Complex A" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Subgroups/ })).toContainText("(2)");
  await page.screenshot({ path: `${SCREENS}/journey-group.png`, fullPage: true });
  await page.getByRole("link", { name: /^Labels/ }).click();
  await expect(page).toHaveURL(/\/-\/labels/);
  await expect(page.getByRole("list", { name: "Labels" }).getByRole("listitem")).toHaveCount(lines("4351/labels.ndjson"));
  await page.screenshot({ path: `${SCREENS}/journey-labels.png`, fullPage: true });

  const subPath = (await page.request.get(`/api/v4/groups/${slugA}/subgroups`)).status();
  // The browser session is not an API token: the API sees an anonymous caller, to whom a private group does not exist.
  expect(subPath).toBe(404);
  await page.goto(`/groups/${slugA}`);
  const sub = page.getByRole("list").getByRole("link").filter({ hasText: "/" }).first();
  await sub.click();
  await expect(page).toHaveURL(new RegExp(`/groups/${slugA}/[^/]+$`));
  await page.getByRole("link", { name: /^Milestones/ }).click();
  await expect(page).toHaveURL(/\/-\/milestones/);
  await page.getByRole("link", { name: "All", exact: true }).click();
  await expect(page).toHaveURL(/state=all/);
  const milestoneFile = fs.existsSync(path.join(FIXTURE, "4352/milestones.ndjson")) ? "4352/milestones.ndjson" : "4353/milestones.ndjson";
  await expect(page.getByRole("list", { name: "Milestones" }).getByRole("listitem")).toHaveCount(lines(milestoneFile));
  await page.screenshot({ path: `${SCREENS}/journey-milestones.png`, fullPage: true });
});
