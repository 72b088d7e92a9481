import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./support/test";
import { ADMIN, ADMIN_STATE, uniqueName } from "./support/accounts";
import { insert, userIdOf, withDatabase } from "./support/database";
import { git } from "./support/git";
import { createToken } from "./support/tokens";

test.use({ storageState: ADMIN_STATE });

const SCREENS = "test-results/screens";

/** A snippet's repository where Ferry keeps it (`@snippets/<aa>/<bb>/<sha256(id)>.git`), as an import would have mirrored it. */
function makeSnippetRepository(root: string, snippetId: number, files: Record<string, string>): string {
  const hash = createHash("sha256").update(String(snippetId)).digest("hex");
  const bare = path.resolve(process.env.E2E_DATA_DIR!, "repositories", "@snippets", hash.slice(0, 2), hash.slice(2, 4), `${hash}.git`);
  fs.mkdirSync(path.dirname(bare), { recursive: true });
  git(root, ["init", "-q", "--bare", "--initial-branch=main", bare]);
  const work = path.join(root, `snippet-${snippetId}`);
  fs.mkdirSync(work, { recursive: true });
  git(work, ["init", "-q", "--initial-branch=main"]);
  git(work, ["config", "user.name", "Ada Admin"]);
  git(work, ["config", "user.email", ADMIN.email]);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(work, name)), { recursive: true });
    fs.writeFileSync(path.join(work, name), content);
  }
  git(work, ["add", "."]);
  git(work, ["commit", "-q", "-m", "Update snippet"]);
  git(work, ["push", "-q", bare, "main"]);
  return work;
}

const DEPLOY = "#!/bin/sh\nset -eu\necho \"deploying $1\"\n";
const UTIL = "module Util\n  def self.greet(name)\n    \"Hello, #{name}\"\n  end\nend\n";

test("a project's snippets: the tab, the list, a snippet with its files, raw links, reactions and comments; its repository clones with a token only", async ({ page, request }) => {
  test.setTimeout(180_000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-e2e-snippets-"));
  try {
    const token = await createToken(page, ["api", "read_repository"], uniqueName("snip"));
    const headers = { "PRIVATE-TOKEN": token };
    const groupPath = uniqueName("snips");
    const group = await request.post("/api/v4/groups", { headers, data: { name: groupPath, path: groupPath, visibility: "private" } });
    expect(group.status()).toBe(201);
    const project = await request.post("/api/v4/projects", { headers, data: { name: "Toolbox", path: "toolbox", namespace_id: (await group.json()).id, visibility: "private" } });
    expect(project.status()).toBe(201);
    const projectId = (await project.json()).id as number;
    const fullPath = `${groupPath}/toolbox`;

    // Two snippets as an import leaves them: one with a repository of two files, notes and reactions; one legacy.
    const { deploy, legacy } = await withDatabase(async (db) => {
      const admin = await userIdOf(db, ADMIN.username);
      const snippet = (values: Record<string, unknown>) => insert(db, "snippets", { project_id: projectId, author_id: admin, ...values });
      const deploy = await snippet({ title: "Deploy script", description: "Runs the **deploy** for one environment.", file_name: "deploy.sh", content: DEPLOY, visibility_level: 0, created_at: "2024-05-01T09:00:00Z", updated_at: "2024-05-02T09:00:00Z" });
      const legacy = await snippet({ title: "Legacy one-liner", file_name: "hello.rb", content: "puts 'hello'\n", visibility_level: 20, created_at: "2024-04-01T09:00:00Z", updated_at: "2024-04-01T09:00:00Z" });
      const note = await insert(db, "notes", { project_id: projectId, noteable_type: "Snippet", noteable_id: deploy, author_id: admin, note: "Works on **staging** too.", created_at: "2024-05-03T10:00:00Z", updated_at: "2024-05-03T10:00:00Z" });
      await insert(db, "award_emoji", { awardable_type: "Snippet", awardable_id: deploy, name: "rocket", user_id: admin });
      await insert(db, "award_emoji", { awardable_type: "Note", awardable_id: note, name: "thumbsup", user_id: admin });
      return { deploy, legacy };
    });
    const work = makeSnippetRepository(root, deploy, { "deploy.sh": DEPLOY, "lib/util.rb": UTIL });

    // The tab, and the list: newest first, files counted, comments, visibility.
    await page.goto(`/${fullPath}`);
    await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Snippets" }).click();
    await expect(page).toHaveURL(new RegExp(`/${fullPath}/-/snippets$`));
    const rows = page.getByRole("list", { name: "Snippets" }).getByRole("listitem");
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText("Deploy script");
    await expect(rows.nth(0)).toContainText("2 files");
    await expect(rows.nth(0)).toContainText("Private");
    await expect(rows.nth(0)).toContainText("1 comment");
    await expect(rows.nth(1)).toContainText("Legacy one-liner");
    await expect(rows.nth(1)).toContainText("1 file");
    await expect(rows.nth(1)).toContainText("Public");
    await page.screenshot({ path: `${SCREENS}/project-snippets.png`, fullPage: true });

    // A snippet: description rendered, each file of its repository highlighted, raw links, reactions, comments.
    await page.getByRole("link", { name: "Deploy script" }).click();
    await expect(page).toHaveURL(new RegExp(`/${fullPath}/-/snippets/${deploy}$`));
    await expect(page.getByRole("heading", { name: "Deploy script" })).toBeVisible();
    await expect(page.getByText("deploy", { exact: true })).toHaveJSProperty("tagName", "STRONG");
    const util = page.getByRole("region", { name: "File lib/util.rb" });
    await expect(util.getByRole("table", { name: "Content of lib/util.rb" })).toContainText("def self.greet(name)");
    await expect(util.locator(".hljs-keyword").first()).toBeVisible();
    await expect(page.getByRole("region", { name: "File deploy.sh" })).toContainText('echo "deploying $1"');
    await expect(page.getByRole("list", { name: "Reactions" }).first().getByLabel("rocket: 1")).toBeVisible();
    const comment = page.getByRole("article", { name: `Comment by ${ADMIN.name}` });
    await expect(comment).toContainText("Works on staging too.");
    await expect(comment.getByLabel("thumbsup: 1")).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/project-snippet.png`, fullPage: true });
    const raw = await page.request.get((await util.getByRole("link", { name: "Raw" }).getAttribute("href"))!);
    expect([raw.status(), await raw.text()]).toEqual([200, UTIL]);

    // The legacy snippet shows its content.
    await page.goto(`/${fullPath}/-/snippets/${legacy}`);
    await expect(page.getByRole("region", { name: "File hello.rb" })).toContainText("puts 'hello'");
    const legacyRaw = await page.request.get(`/${fullPath}/-/snippets/${legacy}/raw`);
    expect(await legacyRaw.text()).toBe("puts 'hello'\n");

    // The API, in GitLab's shapes.
    const list = await request.get(`/api/v4/projects/${projectId}/snippets`, { headers });
    expect(list.status()).toBe(200);
    const listed = (await list.json()) as { id: number; files: { path: string }[]; http_url_to_repo: string | null; web_url: string }[];
    expect(listed.map((s) => [s.id, s.files.map((f) => f.path)])).toEqual([
      [deploy, ["deploy.sh", "lib/util.rb"]],
      [legacy, ["hello.rb"]],
    ]);
    expect(listed[1]!.http_url_to_repo).toBeNull();
    const cloneUrl = listed[0]!.http_url_to_repo!;
    expect(cloneUrl).toMatch(new RegExp(`/${fullPath}/snippets/${deploy}\\.git$`));
    const fileRaw = await request.get(`/api/v4/projects/${projectId}/snippets/${deploy}/files/main/lib%2Futil.rb/raw`, { headers });
    expect(await fileRaw.text()).toBe(UTIL);

    // git: a private project's snippet asks an anonymous client to sign in; the token clones it whole.
    const anonymous = git(root, ["ls-remote", cloneUrl], { allowFailure: true });
    expect(anonymous.ok).toBe(false);
    const authed = new URL(cloneUrl);
    authed.username = "oauth2";
    authed.password = token;
    git(root, ["clone", "-q", authed.toString(), path.join(root, "clone")]);
    const head = (dir: string) => git(dir, ["rev-parse", "HEAD"]).output.trim();
    expect(head(path.join(root, "clone"))).toBe(head(work));
    expect(fs.readFileSync(path.join(root, "clone", "lib", "util.rb"), "utf8")).toBe(UTIL);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
