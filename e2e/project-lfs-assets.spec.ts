import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./support/test";
import { ADMIN, ADMIN_STATE, uniqueName } from "./support/accounts";
import { insert, withDatabase } from "./support/database";
import { git } from "./support/git";
import { lfsPointer as pointer, sha256, storeLfsObject } from "./support/lfs";
import { createToken } from "./support/tokens";

test.use({ storageState: ADMIN_STATE });

const SCREENS = "test-results/screens";

test("Git LFS files show as stored with Git LFS and download as their objects; a release asset's permanent address redirects", async ({ page, request }) => {
  test.setTimeout(180_000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-e2e-lfs-"));
  try {
    const token = await createToken(page, ["api", "read_repository", "write_repository"]);
    const headers = { "PRIVATE-TOKEN": token };
    const groupPath = uniqueName("media");
    expect((await request.post("/api/v4/groups", { headers, data: { name: groupPath, path: groupPath } })).status()).toBe(201);
    const groupId = (await (await request.get(`/api/v4/groups/${groupPath}`, { headers })).json()).id;
    const created = await request.post("/api/v4/projects", { headers, data: { name: "Studio", path: "studio", namespace_id: groupId, initialize_with_readme: true } });
    expect(created.status()).toBe(201);
    const project = (await created.json()) as { id: number; http_url_to_repo: string };

    // Pointers committed as git-lfs commits them; the model's object is here, the other one's never came.
    const model = Buffer.concat([Buffer.from("model data "), Buffer.alloc(300_000, 3), Buffer.from([0])]);
    const lost = Buffer.from("an object nobody uploaded");
    await storeLfsObject(project.id, model);
    const clone = path.join(root, "studio");
    const remote = new URL(project.http_url_to_repo);
    remote.username = ADMIN.username;
    remote.password = token;
    git(root, ["clone", "-q", remote.toString(), clone]);
    fs.mkdirSync(path.join(clone, "assets"));
    fs.writeFileSync(path.join(clone, "assets/model.bin"), pointer(model));
    fs.writeFileSync(path.join(clone, "assets/lost.bin"), pointer(lost));
    git(clone, ["add", "assets"]);
    git(clone, ["-c", "user.name=Ada", "-c", "user.email=ada@example.com", "commit", "-q", "-m", "Add LFS files"]);
    git(clone, ["tag", "v2.0"]);
    git(clone, ["push", "-q", "origin", "main", "v2.0"]);

    await page.goto(`/${groupPath}/studio/-/blob/main/assets/model.bin`);
    const file = page.getByRole("region", { name: "File model.bin" });
    await expect(file.getByText("Stored with Git LFS", { exact: true })).toBeVisible();
    await expect(file.getByText("293 KiB", { exact: true })).toBeVisible();
    await expect(file.getByText("This file is stored with Git LFS (293 KiB). Download it to see it.")).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/project-lfs-stored.png`, fullPage: true });
    const raw = await page.request.get((await file.getByRole("link", { name: "Download" }).first().getAttribute("href"))!);
    expect(raw.status()).toBe(200);
    expect(Buffer.from(await raw.body()).equals(model)).toBe(true);

    await page.goto(`/${groupPath}/studio/-/blob/main/assets/lost.bin`);
    const lostFile = page.getByRole("region", { name: "File lost.bin" });
    await expect(lostFile.getByText("Stored with Git LFS", { exact: true })).toBeVisible();
    await expect(lostFile.getByRole("note")).toHaveText(`The Git LFS object of this file (${lost.length} B) is not stored on this instance: this is its pointer.`);
    await expect(lostFile.getByText(`oid sha256:${sha256(lost)}`)).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/project-lfs-missing.png`, fullPage: true });

    // A release of v2.0 with an asset link that has a filepath: its direct_asset_url redirects to the link.
    await withDatabase(async (client) => {
      const release = await insert(client, "releases", { project_id: project.id, tag_name: "v2.0", name: "Two" });
      await insert(client, "release_links", { release_id: release, name: "Model", url: "https://downloads.example.com/model-2.0.bin", filepath: "/bin/model.bin", link_type: "package" });
    });
    const links = await request.get(`/api/v4/projects/${project.id}/releases/v2.0/assets/links`, { headers });
    const [link] = (await links.json()) as { direct_asset_url: string }[];
    expect(link!.direct_asset_url).toMatch(new RegExp(`/${groupPath}/studio/-/releases/v2\\.0/downloads/bin/model\\.bin$`));
    const direct = await page.request.get(new URL(link!.direct_asset_url).pathname, { maxRedirects: 0 });
    expect([direct.status(), direct.headers()["location"]]).toEqual([302, "https://downloads.example.com/model-2.0.bin"]);
    expect((await page.request.get(`/${groupPath}/studio/-/releases/v2.0/downloads/bin/other`, { maxRedirects: 0 })).status()).toBe(404);
    const api = await request.get(`/api/v4/projects/${project.id}/releases/v2.0/downloads/bin/model.bin`, { headers, maxRedirects: 0 });
    expect([api.status(), api.headers()["location"]]).toEqual([302, "https://downloads.example.com/model-2.0.bin"]);
    const tag = await (await request.get(`/api/v4/projects/${project.id}/repository/tags/v2.0`, { headers })).json();
    expect(tag.release).toEqual({ tag_name: "v2.0", description: null });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
