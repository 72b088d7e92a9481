import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./support/test";
import { ADMIN, ADMIN_STATE, uniqueName } from "./support/accounts";
import { git } from "./support/git";
import { createToken } from "./support/tokens";

test.use({ storageState: ADMIN_STATE });

const SCREENS = "test-results/screens";

/** A small repository made with the CLI: a README, code in a folder, an image, two commits on main, a branch, a tag. */
function makeLocalRepository(root: string) {
  const work = path.join(root, "work");
  fs.mkdirSync(path.join(work, "src", "lib"), { recursive: true });
  git(work, ["init", "-q", "--initial-branch=main"]);
  git(work, ["config", "user.name", "Ada Admin"]);
  git(work, ["config", "user.email", ADMIN.email]);
  fs.writeFileSync(path.join(work, "README.md"), "# Rocket\n\nA **tiny** service that launches things.\n\n- fast\n- safe\n");
  fs.writeFileSync(path.join(work, "src", "lib", "launch.ts"), 'export function launch(name: string): string {\n  return `launching ${name}`;\n}\n');
  // A 1×1 PNG: the file view shows images rather than their bytes.
  fs.writeFileSync(path.join(work, "logo.png"), Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64"));
  git(work, ["add", "."]);
  git(work, ["commit", "-q", "-m", "Add the launcher"]);
  fs.appendFileSync(path.join(work, "src", "lib", "launch.ts"), "\nexport const countdown = [3, 2, 1];\n");
  git(work, ["commit", "-q", "-am", "Count down before launch", "-m", "Three seconds, as the checklist says."]);
  git(work, ["tag", "-a", "v1.0.0", "-m", "First flight"]);
  git(work, ["switch", "-q", "-c", "feature/landing"]);
  fs.writeFileSync(path.join(work, "LANDING.md"), "Land softly.\n");
  git(work, ["add", "."]);
  git(work, ["commit", "-q", "-m", "Plan the landing"]);
  git(work, ["switch", "-q", "main"]);
  return work;
}

test("a project made in the UI takes a push from the CLI and shows its files, history, branches and tags; its settings change the default branch and archive it", async ({ page, request }) => {
  test.setTimeout(180_000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-e2e-project-"));
  try {
    // A token from the UI, with the scopes git asks for.
    const token = await createToken(page, ["read_repository", "write_repository", "api"], uniqueName("git"));
    const groupPath = uniqueName("space");
    const group = await request.post("/api/v4/groups", { headers: { "PRIVATE-TOKEN": token }, data: { name: groupPath, path: groupPath } });
    expect(group.status()).toBe(201);

    // New project from the group page, without a README: the empty repository page with push instructions.
    await page.goto(`/groups/${groupPath}`);
    await page.getByRole("link", { name: "New project" }).click();
    await page.getByLabel("Project name").fill("Rocket Launcher");
    await expect(page.getByLabel("Project slug")).toHaveValue("rocket-launcher");
    await page.getByLabel("Project slug").fill("-rocket");
    await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
    await page.getByLabel("Project slug").fill("rocket");
    await page.getByLabel("Initialize repository with a README").uncheck();
    await page.getByRole("button", { name: "Create project" }).click();
    await expect(page).toHaveURL(new RegExp(`/${groupPath}/rocket$`));
    await expect(page.getByRole("heading", { name: "The repository for this project is empty" })).toBeVisible();
    const cloneUrl = await page.getByLabel("Clone with HTTPS").inputValue();
    expect(cloneUrl).toMatch(new RegExp(`/${groupPath}/rocket\\.git$`));
    await page.screenshot({ path: `${SCREENS}/project-empty.png`, fullPage: true });

    // The CLI pushes with the token as the password; without credentials git is asked to sign in.
    const work = makeLocalRepository(root);
    const anonymous = git(work, ["ls-remote", cloneUrl], { allowFailure: true });
    expect(anonymous.ok).toBe(false);
    const authed = new URL(cloneUrl);
    authed.username = ADMIN.username;
    authed.password = token;
    git(work, ["remote", "add", "origin", authed.toString()]);
    git(work, ["push", "-q", "origin", "main", "feature/landing", "v1.0.0"]);
    const refs = (dir: string) => git(dir, ["for-each-ref", "--format=%(objectname) %(refname)", "refs/heads", "refs/tags"]).output;
    const pushed = refs(work);

    // The overview: the README rendered, counts, the last commit.
    await page.reload();
    await expect(page.getByRole("heading", { name: "Rocket", exact: true })).toBeVisible();
    await expect(page.getByText("tiny", { exact: true })).toHaveJSProperty("tagName", "STRONG");
    await expect(page.getByRole("main")).toContainText("Count down before launch");
    await expect(page.getByRole("link", { name: /2\s+Commits/ })).toBeVisible();
    await expect(page.getByRole("link", { name: /2\s+Branches/ })).toBeVisible();
    await expect(page.getByRole("link", { name: /1\s+Tag/ })).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/project-overview.png`, fullPage: true });
    // The Code button: the clone address, and the source code in GitLab's four archive formats.
    await page.getByRole("button", { name: "Code" }).click();
    const archives = page.getByRole("link", { name: /^(zip|tar\.gz|tar\.bz2|tar)$/ });
    await expect(archives).toHaveText(["zip", "tar.gz", "tar.bz2", "tar"]);
    await page.screenshot({ path: `${SCREENS}/project-code-menu.png` });
    const bz2 = await page.request.get((await page.getByRole("link", { name: "tar.bz2", exact: true }).getAttribute("href"))!);
    expect([bz2.status(), bz2.headers()["content-type"], (await bz2.body()).subarray(0, 3).toString()]).toEqual([200, "application/x-bzip2", "BZh"]);
    await page.keyboard.press("Escape");
    // The tab's icon is Ferry's, served to everyone (the sign-in page shows it too).
    const icon = await request.get((await page.locator('link[rel="icon"]').getAttribute("href"))!);
    expect([icon.status(), icon.headers()["content-type"]]).toEqual([200, "image/svg+xml"]);

    // Files: a folder, breadcrumbs, a highlighted file, its raw bytes, an image.
    await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Files" }).click();
    await page.getByRole("link", { name: "src", exact: true }).click();
    await page.getByRole("link", { name: "lib", exact: true }).click();
    await expect(page).toHaveURL(/\/-\/tree\/main\/src\/lib$/);
    await page.getByRole("link", { name: "launch.ts", exact: true }).click();
    await expect(page).toHaveURL(/\/-\/blob\/main\/src\/lib\/launch\.ts$/);
    await expect(page.getByRole("table", { name: /launch\.ts/ }).locator(".hljs-keyword").first()).toHaveText("export");
    await expect(page.getByRole("main")).toContainText("export const countdown");
    await page.screenshot({ path: `${SCREENS}/project-file.png`, fullPage: true });
    const rawHref = await page.getByRole("link", { name: "Raw", exact: true }).getAttribute("href");
    const raw = await request.get(rawHref!);
    expect(raw.status()).toBe(200);
    expect(await raw.text()).toContain("export const countdown = [3, 2, 1];");
    await page.getByRole("navigation", { name: "Files breadcrumb" }).getByRole("link", { name: "rocket" }).click();
    await page.getByRole("link", { name: "logo.png", exact: true }).click();
    await expect(page.getByRole("img", { name: "logo.png" })).toBeVisible();

    // Commits by day, then one commit's message and diff.
    await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Commits" }).click();
    await expect(page.getByRole("link", { name: "Add the launcher" })).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/project-commits.png`, fullPage: true });
    await page.getByRole("link", { name: "Count down before launch" }).click();
    await expect(page).toHaveURL(/\/-\/commit\/[0-9a-f]{40}$/);
    await expect(page.getByRole("main")).toContainText("Three seconds, as the checklist says.");
    await expect(page.getByRole("main")).toContainText("src/lib/launch.ts");
    await expect(page.getByRole("main")).toContainText("export const countdown = [3, 2, 1];");
    await page.screenshot({ path: `${SCREENS}/project-commit.png`, fullPage: true });

    // Branches with the default marked and the other one ahead; the tag with its message.
    await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Branches" }).click();
    const feature = page.getByRole("listitem").filter({ hasText: "feature/landing" });
    await expect(feature).toContainText("0 behind, 1 ahead of the default branch");
    await expect(page.getByRole("listitem").filter({ hasText: "main" }).first()).toContainText(/default/i);
    await page.screenshot({ path: `${SCREENS}/project-branches.png`, fullPage: true });
    await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Tags" }).click();
    await expect(page.getByRole("main")).toContainText("v1.0.0");
    await expect(page.getByRole("main")).toContainText("First flight");
    await page.screenshot({ path: `${SCREENS}/project-tags.png`, fullPage: true });

    // Settings: the default branch, then archive. An archived project takes no push.
    await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Settings" }).click();
    await page.getByLabel("Default branch").selectOption("feature/landing");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page).toHaveURL(/\/-\/edit\?updated=general$/);
    await expect(page.getByRole("status").filter({ hasText: "was successfully updated" })).toBeVisible();
    await expect(page.getByLabel("Default branch")).toHaveValue("feature/landing");
    // The tabs above the form follow: Files opens at the new default branch.
    await expect(page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Files" })).toHaveAttribute("href", /\/-\/tree\/feature\/landing$/);
    const api = await request.get(`/api/v4/projects/${encodeURIComponent(`${groupPath}/rocket`)}`, { headers: { "PRIVATE-TOKEN": token } });
    expect(await api.json()).toMatchObject({ default_branch: "feature/landing", archived: false });
    await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Files" }).click();
    await expect(page.getByRole("link", { name: "LANDING.md", exact: true })).toBeVisible();

    await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Settings" }).click();
    await page.getByRole("button", { name: "Archive project" }).click();
    await expect(page.getByRole("status").filter({ hasText: "The project was archived" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Unarchive project" })).toBeVisible();
    await expect(page.getByText("Archived", { exact: true }).first()).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/project-settings-archived.png`, fullPage: true });

    fs.appendFileSync(path.join(work, "README.md"), "\nOne more line.\n");
    git(work, ["commit", "-q", "-am", "After the archive"]);
    const refused = git(work, ["push", "origin", "main"], { allowFailure: true });
    expect(refused.ok).toBe(false);
    expect(refused.output).toMatch(/archived/i);

    // What was pushed comes back whole.
    const clone = path.join(root, "clone");
    git(root, ["clone", "-q", "--mirror", authed.toString(), clone]);
    expect(refs(clone)).toBe(pushed);
    git(clone, ["fsck", "--no-progress"]);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
