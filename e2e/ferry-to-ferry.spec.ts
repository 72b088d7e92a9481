import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "./support/test";
import { startTestSource, type TestSource } from "../test/source";
import { comparable } from "../test/exchange/compare";
import { exportGroupOverHttp } from "../test/exchange/export-client";
import { ADMIN_STATE, signUp, uniqueName } from "./support/accounts";
import { makeSourceRepository } from "../test/helpers/source-repository";
import { git } from "./support/git";
import { chooseParent, connectTo } from "./support/importer";
import { createToken } from "./support/tokens";

// Ferry A is the suite's web server; Ferry B is a second `npm start` with its own port, data directory and embedded
// PostgreSQL, started here. Both may reach sources on localhost over http (the test source, and B reaches A).
const A_URL = `http://localhost:${process.env.E2E_PORT ?? 3210}`;
const B_PORT = Number(process.env.E2E_PORT ?? 3210) + 1;
const B_URL = `http://localhost:${B_PORT}`;
const B_DATA_DIR = `.test-data/e2e-ferry-b-${B_PORT}`;
const SCREENS = "test-results/screens";
const SOURCE_PATH = "f2f-source";

test.use({ storageState: ADMIN_STATE });

let source: TestSource;
let ferryB: ChildProcess | undefined;

async function waitUntilReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (ferryB?.exitCode !== null && ferryB?.exitCode !== undefined) throw new Error(`Ferry B exited with ${ferryB.exitCode}`);
    const ok = await fetch(`${url}/-/readiness`).then((r) => r.ok).catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not become ready`);
}

// The source's repositories, and the directory git runs in for ls-remote: removed once the file is done.
let scratch: string | undefined;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  source = await startTestSource({ version: "17.8.0-ee", groups: [{ fixture: "complex", path: SOURCE_PATH }], exportDelayMs: 200 });
  // Projects in the top group and a subgroup: one with GitLab's complex project relations, a history, tags,
  // merge-request refs and a wiki; one empty.
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-f2f-"));
  const [top, sub] = [source.group(SOURCE_PATH), source.store.children(source.group(SOURCE_PATH))[0]!];
  source.addProject({
    groupId: top.id, path: "app", name: "App", fixtureProject: "complex",
    repository: await makeSourceRepository(scratch, { commits: 6, branches: 2, tags: 3, mergeRequestRefs: 2, namedTags: ["release-1.1"] }),
    wiki: await makeSourceRepository(scratch, { commits: 2, branches: 0, tags: 0, mergeRequestRefs: 0, binary: false }),
  });
  source.addProject({ groupId: sub.id, path: "empty", name: "Empty" });
  fs.rmSync(B_DATA_DIR, { recursive: true, force: true });
  ferryB = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      PORT: String(B_PORT),
      FERRY_DATA_DIR: B_DATA_DIR,
      DATABASE_URL: "",
      LOG_LEVEL: "warn",
      FERRY_ALLOW_LOCAL_SOURCES: "true",
      FERRY_ALLOW_INSECURE_SOURCES: "true",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitUntilReady(B_URL, 200_000);
});

test.afterAll(async () => {
  await source?.close();
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  if (ferryB && ferryB.exitCode === null) {
    const exited = new Promise((resolve) => ferryB!.once("exit", resolve));
    ferryB.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
  }
});

/** Imports one top-level source group as a new top-level group `slug`, with projects, and waits for Complete. */
async function importGroup(page: Page, sourcePath: string, slug: string, screen: string): Promise<void> {
  const filter = page.getByRole("searchbox", { name: "Filter by source group" });
  await filter.fill(sourcePath);
  await filter.press("Enter");
  const row = page.locator(`[data-testid="import-item"][data-source-group="${sourcePath}"]`);
  await expect(row).toBeVisible();
  await chooseParent(page, row, sourcePath, "No parent");
  await row.getByRole("textbox", { name: `New path for ${sourcePath}` }).fill(slug);
  await expect(row.getByRole("button", { name: "Import with projects" })).toBeEnabled();
  await row.getByRole("button", { name: "Import with projects" }).click();
  await expect(row.getByText("Complete", { exact: true })).toBeVisible({ timeout: 120_000 });
  await page.screenshot({ path: `${SCREENS}/${screen}.png`, fullPage: true });
}

interface ApiGroup {
  id: number;
  path: string;
  full_path: string;
}

interface ApiProject {
  id: number;
  path_with_namespace: string;
}

async function apiGet<T>(base: string, token: string, apiPath: string): Promise<T> {
  const response = await fetch(`${base}/api/v4${apiPath}`, { headers: { "private-token": token } });
  expect(response.status, apiPath).toBe(200);
  return (await response.json()) as T;
}

/** The group and its subgroups by path relative to the group, as an instance's API lists them. */
async function tree(base: string, token: string, fullPath: string): Promise<Map<string, ApiGroup>> {
  const root = await apiGet<ApiGroup>(base, token, `/groups/${encodeURIComponent(fullPath)}`);
  const children = await apiGet<ApiGroup[]>(base, token, `/groups/${root.id}/descendant_groups?per_page=100`);
  return new Map<string, ApiGroup>([["", root], ...children.map((c): [string, ApiGroup] => [c.full_path.slice(fullPath.length + 1), c])]);
}

/** The projects of a group tree by path relative to the group, as an instance's API lists them. */
async function projectsOf(base: string, token: string, group: ApiGroup): Promise<Map<string, ApiProject>> {
  const list = await apiGet<ApiProject[]>(base, token, `/groups/${group.id}/projects?include_subgroups=true&per_page=100`);
  return new Map(list.map((project): [string, ApiProject] => [project.path_with_namespace.slice(group.full_path.length + 1), project]));
}

/** Every ref of a repository (or wiki) served over smart HTTP, read with `git ls-remote` as `oauth2:<token>`. */
function remoteRefs(base: string, token: string, repository: string): string {
  const url = new URL(`${base}/${repository}.git`);
  url.username = "oauth2";
  url.password = token;
  return git(scratch!, ["ls-remote", url.toString()]).output;
}

test("Ferry B imports from Ferry A, through B's importer page, the group A imported from GitLab, field by field", async ({ page, browser }) => {
  test.setTimeout(360_000);
  const slugA = uniqueName("f2f-a");
  const slugB = uniqueName("f2f-b");

  // In Ferry A: import the group from the test GitLab, then make a token for B to read A with.
  await connectTo(page, source);
  await importGroup(page, SOURCE_PATH, slugA, "ferry-to-ferry-a-imported");
  const tokenA = await createToken(page, ["api"], uniqueName("ferry-b"));

  // In Ferry B's browser UI: its first account, then A as the source instance.
  // A fresh context: the suite's signed-in state belongs to A (and cookies of localhost would reach B's port too).
  const contextB = await browser.newContext({ baseURL: B_URL, storageState: { cookies: [], origins: [] } });
  const pageB = await contextB.newPage();
  await signUp(pageB, { username: "root", email: "root@example.com", name: "Ada on B", password: "admin password 1" });
  await expect(pageB).toHaveURL(/\/dashboard\/groups/);
  await connectTo(pageB, { url: A_URL }, tokenA);
  await importGroup(pageB, slugA, slugB, "ferry-to-ferry-b-imported");
  const tokenB = await createToken(pageB, ["api"], uniqueName("ferry-b"));
  await contextB.close();

  // B's group equals A's: the same groups, and every relation's export equal record by record, field by field,
  // but for the ids that name records on each instance.
  const [treeA, treeB] = await Promise.all([tree(A_URL, tokenA, slugA), tree(B_URL, tokenB, slugB)]);
  expect([...treeB.keys()].sort()).toEqual([...treeA.keys()].sort());
  expect(treeA.size).toBe(3);
  for (const [relative, groupA] of treeA) {
    const groupB = treeB.get(relative)!;
    const [exportA, exportB] = await Promise.all([exportGroupOverHttp(A_URL, tokenA, groupA.id), exportGroupOverHttp(B_URL, tokenB, groupB.id)]);
    expect([...exportB.keys()]).toEqual([...exportA.keys()]);
    for (const [relation, records] of exportA) {
      expect(comparable(exportB.get(relation)!), `${relation} of ${relative || "the top group"}`).toEqual(comparable(records));
    }
    expect(exportA.get("labels")!.records.length).toBeGreaterThan(0);
  }
  // And its projects: the same ones, each relation's export equal, every ref of the repository and wiki the same.
  const [projectsA, projectsB] = await Promise.all([projectsOf(A_URL, tokenA, treeA.get("")!), projectsOf(B_URL, tokenB, treeB.get("")!)]);
  expect([...projectsB.keys()].sort()).toEqual([...projectsA.keys()].sort());
  // "app" in the top group, "empty" in a subgroup.
  expect(projectsA.size).toBe(2);
  expect(projectsA.has("app")).toBe(true);
  expect([...projectsA.keys()].filter((key) => /^[^/]+\/empty$/.test(key))).toHaveLength(1);
  for (const [relative, projectA] of projectsA) {
    const projectB = projectsB.get(relative)!;
    const [exportA, exportB] = await Promise.all([
      exportGroupOverHttp(A_URL, tokenA, projectA.id, { kind: "project" }),
      exportGroupOverHttp(B_URL, tokenB, projectB.id, { kind: "project" }),
    ]);
    expect([...exportB.keys()]).toEqual([...exportA.keys()]);
    for (const [relation, records] of exportA) {
      expect(comparable(exportB.get(relation)!), `${relation} of ${relative}`).toEqual(comparable(records));
    }
    // Only "app" has a wiki.
    for (const suffix of relative === "app" ? ["", ".wiki"] : [""]) {
      expect(remoteRefs(B_URL, tokenB, `${projectB.path_with_namespace}${suffix}`), `refs of ${relative}${suffix}`).toBe(remoteRefs(A_URL, tokenA, `${projectA.path_with_namespace}${suffix}`));
    }
  }
  const appRefs = remoteRefs(A_URL, tokenA, projectsA.get("app")!.path_with_namespace);
  expect(appRefs).toMatch(/refs\/merge-requests\/2\/head/);
  expect(appRefs).toMatch(/refs\/tags\/v1\.3/);
  expect(remoteRefs(A_URL, tokenA, `${projectsA.get("app")!.path_with_namespace}.wiki`)).toMatch(/refs\/heads\/main/);

  // Through Next's server, a download keeps GitLab's headers: importers refuse files without a Content-Length.
  const download = await fetch(`${A_URL}/api/v4/groups/${treeA.get("")!.id}/export_relations/download?relation=self`, { headers: { "private-token": tokenA } });
  const bytes = Buffer.from(await download.arrayBuffer());
  expect(download.headers.get("content-type")).toBe("application/octet-stream");
  expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="self\.json\.gz"/);
  expect(Number(download.headers.get("content-length"))).toBe(bytes.length);
  expect([...bytes.subarray(0, 2)]).toEqual([0x1f, 0x8b]);

  // The same through the plain REST lists a user browses.
  for (const [relative, groupA] of treeA) {
    const groupB = treeB.get(relative)!;
    const strip = (items: Record<string, unknown>[]) =>
      items.map((item) => Object.fromEntries(Object.entries(item).filter(([key]) => !["id", "group_id", "web_url"].includes(key))));
    for (const list of ["labels", "milestones"]) {
      const [a, b] = await Promise.all([
        apiGet<Record<string, unknown>[]>(A_URL, tokenA, `/groups/${groupA.id}/${list}?per_page=100`),
        apiGet<Record<string, unknown>[]>(B_URL, tokenB, `/groups/${groupB.id}/${list}?per_page=100`),
      ]);
      expect(strip(b), `${list} of ${relative || "the top group"}`).toEqual(strip(a));
    }
  }
});
