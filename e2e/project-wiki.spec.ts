import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./support/test";
import { ADMIN, ADMIN_STATE, uniqueName } from "./support/accounts";
import { git } from "./support/git";
import { createToken } from "./support/tokens";

test.use({ storageState: ADMIN_STATE });

const SCREENS = "test-results/screens";
// A 96×48 checkered PNG: the home page shows it from the wiki's repository.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAGAAAAAwCAIAAABhdOiYAAAAcklEQVR42u3ZoQ0AIAwEQDZBMCBbsRwazwjF1NBLXn/Sc5+2PneYs0aYX3saIECAAAECBAgQIECAACUAVT7+pQcQIECAAAECBAgQIECAMoCMVWseECBAgAABAgQIECBA/mLWPCBAgAABAgQIECBAgAoAXcWn8KXc6UiYAAAAAElFTkSuQmCC", "base64");

/** A wiki made with the CLI: a home page with an image, a nested page edited twice (by two authors), an Org page. */
function makeWiki(root: string): string {
  const work = path.join(root, "wiki");
  fs.mkdirSync(path.join(work, "guides"), { recursive: true });
  fs.mkdirSync(path.join(work, "uploads", "0a1b"), { recursive: true });
  git(work, ["init", "-q", "--initial-branch=main"]);
  git(work, ["config", "user.name", "Ada Admin"]);
  git(work, ["config", "user.email", ADMIN.email]);
  fs.writeFileSync(
    path.join(work, "home.md"),
    "Welcome to the **rocket** wiki.\n\n- [Getting started](guides/getting-started)\n- [Release notes](notes)\n\n![Launch diagram](uploads/0a1b/diagram.png)\n",
  );
  fs.writeFileSync(path.join(work, "guides", "getting-started.md"), "---\ntitle: Getting started\n---\n## Install\n\nRun `make install`.\n");
  fs.writeFileSync(path.join(work, "uploads", "0a1b", "diagram.png"), PNG);
  fs.writeFileSync(path.join(work, "notes.org"), "* Release notes\n<b>not bold</b>\n");
  git(work, ["add", "."]);
  git(work, ["commit", "-q", "-m", "Create the wiki"]);
  fs.appendFileSync(path.join(work, "guides", "getting-started.md"), "\n## Launch\n\nRun `make launch`, then see [home](../home).\n");
  git(work, ["-c", "user.name=Grace Hopper", "-c", "user.email=grace@example.com", "commit", "-q", "-am", "Explain the launch"]);
  return work;
}

test("a project's wiki pushed with git shows its home page, its pages by directory, a nested page, its history and an older version", async ({ page, request }) => {
  test.setTimeout(180_000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-e2e-wiki-"));
  try {
    const token = await createToken(page, ["api", "write_repository"]);
    const headers = { "PRIVATE-TOKEN": token };
    const groupPath = uniqueName("docs");
    const group = await request.post("/api/v4/groups", { headers, data: { name: groupPath, path: groupPath } });
    expect(group.status()).toBe(201);
    const project = await request.post("/api/v4/projects", { headers, data: { name: "Rocket", path: "rocket", namespace_id: (await group.json()).id } });
    expect(project.status()).toBe(201);
    const projectId = (await project.json()).id as number;
    const fullPath = `${groupPath}/rocket`;

    // The Wiki tab leads to the home page; a wiki without pages shows GitLab's empty state and the wiki's clone URL.
    await page.goto(`/${fullPath}`);
    await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Wiki" }).click();
    await expect(page).toHaveURL(new RegExp(`/${fullPath}/-/wikis/home$`));
    await expect(page.getByRole("heading", { name: "The wiki lets you write documentation for your project" })).toBeVisible();
    const cloneUrl = await page.getByLabel("Clone repository").inputValue();
    expect(cloneUrl).toMatch(new RegExp(`/${fullPath}\\.wiki\\.git$`));
    await page.screenshot({ path: `${SCREENS}/wiki-empty.png`, fullPage: true });

    // The CLI pushes the pages; the first push makes the wiki's repository.
    const work = makeWiki(root);
    const authed = new URL(cloneUrl);
    authed.username = ADMIN.username;
    authed.password = token;
    git(work, ["push", "-q", authed.toString(), "main"]);

    // The home page: Markdown rendered, the image served from the wiki's repository, the sidebar of pages.
    await page.goto(`/${fullPath}/-/wikis`);
    await expect(page).toHaveURL(new RegExp(`/${fullPath}/-/wikis/home$`));
    await expect(page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Wiki" })).toHaveAttribute("aria-current", "page");
    const article = page.getByRole("article");
    await expect(article.getByRole("heading", { name: "Home", level: 1 })).toBeVisible();
    await expect(article.getByText("rocket", { exact: true })).toHaveJSProperty("tagName", "STRONG");
    await expect(article).toContainText("Last edited by Ada Admin");
    const image = article.getByRole("img", { name: "Launch diagram" });
    await expect(image).toHaveAttribute("src", `/${fullPath}/-/wikis/-/raw/uploads/0a1b/diagram.png`);
    await expect.poll(() => image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBe(96);
    const served = await request.get(`/${fullPath}/-/wikis/-/raw/uploads/0a1b/diagram.png`);
    expect([served.status(), served.headers()["content-type"], served.headers()["content-security-policy"]]).toEqual([200, "image/png", "default-src 'none'; sandbox"]);
    const sidebar = page.getByRole("complementary", { name: "Wiki" });
    await expect(sidebar.getByRole("link")).toHaveText(["Home", "notes", "getting started", "View all pages"]);
    await page.screenshot({ path: `${SCREENS}/wiki-home.png`, fullPage: true });

    // Every page, grouped by directory, with its last change.
    await sidebar.getByRole("link", { name: "View all pages" }).click();
    await expect(page).toHaveURL(new RegExp(`/${fullPath}/-/wikis/pages$`));
    await expect(page.getByRole("heading", { name: /Wiki Pages/ })).toBeVisible();
    await expect(page.getByRole("list", { name: "Pages in guides" })).toContainText("Last edited by Grace Hopper");
    await page.screenshot({ path: `${SCREENS}/wiki-pages.png`, fullPage: true });

    // A nested page: its front matter's title, rendered Markdown, links resolved inside the wiki.
    await page.getByRole("link", { name: "getting started", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/${fullPath}/-/wikis/guides/getting-started$`));
    await expect(page.getByRole("heading", { name: "Getting started", level: 1 })).toBeVisible();
    await expect(page.getByRole("article")).toContainText("Last edited by Grace Hopper");
    await expect(page.getByRole("article").getByRole("link", { name: "home", exact: true })).toHaveAttribute("href", `/${fullPath}/-/wikis/home`);
    await page.screenshot({ path: `${SCREENS}/wiki-nested-page.png`, fullPage: true });

    // Its history: two versions, newest first; the older one opens as GitLab shows an old version.
    await page.getByRole("link", { name: "Page history" }).click();
    await expect(page).toHaveURL(new RegExp(`/${fullPath}/-/wikis/guides/getting-started/history$`));
    const rows = page.getByRole("table").getByRole("row");
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(1)).toContainText("v2");
    await expect(rows.nth(1)).toContainText("Grace Hopper");
    await expect(rows.nth(1)).toContainText("Explain the launch");
    await expect(rows.nth(2)).toContainText("Create the wiki");
    await page.screenshot({ path: `${SCREENS}/wiki-history.png`, fullPage: true });
    await rows.nth(2).getByRole("link", { name: "v1" }).click();
    await expect(page).toHaveURL(/\?version_id=[0-9a-f]{40}$/);
    await expect(page.getByRole("article").getByRole("status")).toContainText("This is an old version of this page.");
    await expect(page.getByRole("article")).toContainText("make install");
    await expect(page.getByRole("article")).not.toContainText("make launch");
    await page.screenshot({ path: `${SCREENS}/wiki-old-version.png`, fullPage: true });

    // Other formats show as their text, escaped.
    await page.goto(`/${fullPath}/-/wikis/notes`);
    const org = page.getByRole("article").locator("pre");
    await expect(org).toContainText("<b>not bold</b>");
    await expect(org.locator("b")).toHaveCount(0);

    // A page that is not there: GitLab's 404, with the way back.
    const missing = await page.goto(`/${fullPath}/-/wikis/guides/nowhere`);
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Sorry, this page doesn't exist" })).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/wiki-404.png`, fullPage: true });
    await page.getByRole("link", { name: "View all pages" }).click();
    await expect(page).toHaveURL(new RegExp(`/${fullPath}/-/wikis/pages$`));

    // With the wiki disabled (wiki_access_level), its tab goes and its pages and files are not found, as on GitLab.
    const disabled = await request.put(`/api/v4/projects/${projectId}`, { headers, data: { wiki_access_level: "disabled" } });
    expect(disabled.status()).toBe(200);
    await page.goto(`/${fullPath}`);
    await expect(page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Files" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Wiki" })).toHaveCount(0);
    expect((await page.goto(`/${fullPath}/-/wikis/home`))?.status()).toBe(404);
    expect((await request.get(`/${fullPath}/-/wikis/-/raw/uploads/0a1b/diagram.png`)).status()).toBe(404);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
