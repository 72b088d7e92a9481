import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./support/test";
import { ADMIN, ADMIN_STATE, uniqueName } from "./support/accounts";
import { insert, withDatabase } from "./support/database";
import { git } from "./support/git";

test.use({ storageState: ADMIN_STATE });

const SCREENS = "test-results/screens";

// Rows an import writes (its pipelines are tested against the test source): a release with links, a protected tag.
async function seedReleaseAndRules(projectId: number, authorUsername: string) {
  await withDatabase(async (client) => {
    const { rows } = await client.query<{ id: number }>("SELECT id FROM users WHERE lower(username) = lower($1)", [authorUsername]);
    const release = await insert(client, "releases", {
      project_id: projectId, tag_name: "v1.0.0", name: "First flight", author_id: rows[0]!.id, released_at: "2024-05-04T10:00:00Z",
      description: "## What's new\n\n- The **launcher** counts down\n- A [landing plan](https://example.com/landing)",
    });
    await insert(client, "release_links", { release_id: release, name: "launcher-linux.tar.gz", url: "https://example.com/launcher-linux.tar.gz", link_type: "package" });
    await insert(client, "release_links", { release_id: release, name: "Launch runbook", url: "https://example.com/runbook", link_type: "runbook" });
    const nobody = JSON.stringify([{ accessLevel: 0, userId: null, sourceGroupId: null, sourceAttributes: {} }]);
    await insert(client, "protected_tags", { project_id: projectId, name: "locked-*", create_access_levels: nobody });
  });
}

test("a project's releases and its protected branches and tags: the pages show them and a push obeys them", async ({ page, request }) => {
  test.setTimeout(180_000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-e2e-releases-"));
  try {
    await page.goto("/-/user_settings/personal_access_tokens");
    await page.getByLabel("Token name").fill(uniqueName("rel"));
    for (const scope of ["api", "read_repository", "write_repository"]) await page.getByRole("checkbox", { name: new RegExp(`^${scope}\\b`) }).check();
    await page.getByRole("button", { name: "Create token" }).click();
    const token = await page.getByLabel("Your new personal access token").inputValue();
    const groupPath = uniqueName("deploy");
    expect((await request.post("/api/v4/groups", { headers: { "PRIVATE-TOKEN": token }, data: { name: groupPath, path: groupPath } })).status()).toBe(201);
    const created = await request.post("/api/v4/projects", { headers: { "PRIVATE-TOKEN": token }, data: { name: "Rocket", path: "rocket", namespace_id: (await (await request.get(`/api/v4/groups/${groupPath}`, { headers: { "PRIVATE-TOKEN": token } })).json()).id, initialize_with_readme: true } });
    expect(created.status()).toBe(201);
    const project = (await created.json()) as { id: number; http_url_to_repo: string };

    // A tag pushed with the CLI, for the release to name.
    const clone = path.join(root, "rocket");
    const remote = new URL(project.http_url_to_repo);
    remote.username = ADMIN.username;
    remote.password = token;
    git(root, ["clone", "-q", remote.toString(), clone]);
    git(clone, ["tag", "v1.0.0"]);
    git(clone, ["push", "-q", "origin", "v1.0.0"]);
    await seedReleaseAndRules(project.id, ADMIN.username);

    // Deploy → Releases.
    await page.goto(`/${groupPath}/rocket`);
    await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Releases" }).click();
    await expect(page).toHaveURL(new RegExp(`/${groupPath}/rocket/-/releases$`));
    const card = page.getByRole("article", { name: "Release First flight" });
    await expect(card.getByRole("link", { name: "Tag v1.0.0" })).toBeVisible();
    await expect(card).toContainText(`by ${ADMIN.name}`);
    await expect(card.getByText("launcher", { exact: true })).toHaveJSProperty("tagName", "STRONG");
    const assets = card.getByRole("region", { name: "Assets" });
    await expect(assets.getByRole("link")).toHaveText(["Source code (zip)", "Source code (tar.gz)", "Source code (tar.bz2)", "Source code (tar)", "Launch runbook", "launcher-linux.tar.gz"]);
    const archive = await page.request.get((await assets.getByRole("link", { name: "Source code (tar.gz)" }).getAttribute("href"))!);
    expect([archive.status(), archive.headers()["content-type"]]).toEqual([200, "application/gzip"]);
    await page.screenshot({ path: `${SCREENS}/project-releases.png`, fullPage: true });

    // One release.
    await card.getByRole("link", { name: "First flight" }).click();
    await expect(page).toHaveURL(new RegExp(`/${groupPath}/rocket/-/releases/v1\\.0\\.0$`));
    await expect(page.getByRole("heading", { level: 1, name: "First flight" })).toBeVisible();
    await expect(page.getByRole("link", { name: /^Commit [0-9a-f]{8}$/ })).toBeVisible();
    expect((await page.request.get(`/${groupPath}/rocket/-/releases/v9`)).status()).toBe(404);

    // Settings → Repository: the default branch rule GitLab writes for a new project, and the protected tag.
    await page.goto(`/${groupPath}/rocket/-/edit`);
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Repository" }).click();
    await expect(page).toHaveURL(new RegExp(`/${groupPath}/rocket/-/settings/repository$`));
    const branches = page.getByRole("table", { name: "Protected branches" });
    await expect(branches.getByRole("row")).toHaveCount(2);
    await expect(branches.getByRole("row").nth(1).getByRole("cell")).toHaveText(["main", "Maintainers", "Maintainers", "No", "Not required"]);
    const tags = page.getByRole("table", { name: "Protected tags" });
    await expect(tags.getByRole("row").nth(1).getByRole("cell")).toHaveText(["locked-*wildcard", "No one"]);
    await page.screenshot({ path: `${SCREENS}/project-repository-settings.png`, fullPage: true });

    // The rules hold for git: nobody creates a locked tag; other tags go.
    const refused = git(clone, ["push", "origin", "HEAD:refs/tags/locked-1"], { allowFailure: true });
    expect(refused.ok).toBe(false);
    expect(refused.output).toContain("remote: You are not allowed to create this tag as it is protected.");
    git(clone, ["push", "-q", "origin", "HEAD:refs/tags/free-1"]);

    // The same through the API.
    const api = await request.get(`/api/v4/projects/${project.id}/protected_tags`, { headers: { "PRIVATE-TOKEN": token } });
    expect(await api.json()).toEqual([{ name: "locked-*", create_access_levels: [expect.objectContaining({ access_level: 0, access_level_description: "No one" })] }]);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
