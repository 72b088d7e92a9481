import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createGroup, type Group } from "@/lib/groups";
import { commitLfsObject, lfsStagingDirectory, linkLfsObject, saveLfsObject, stageLfsObject } from "@/lib/lfs";
import { createProject, type ProjectWithAccess } from "@/lib/projects";
import { repositoryPath } from "@/lib/repositories";
import type { PublicUser } from "@/lib/users";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { commitFiles, git, gitRun, newWorktree, temporaryDirectory } from "@/test/helpers/git-client";
import { runRouteServer } from "@/test/helpers/route-server";
import { lfsPointer } from "@/test/helpers/source-repository";
import { GET, POST } from "./route";

// The real git-lfs client against the route handler, reached through next.config.js's rewrites as Next.js reaches it.
const server = runRouteServer({ prefix: "/-/git/", handlers: { GET, POST } });
const work = temporaryDirectory("ferry-lfs-http-");
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");
const LFS_JSON = "application/vnd.git-lfs+json";

const MODEL = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7 + (i >> 8)) % 256));
const NOTES = Buffer.from("Meeting notes kept in Git LFS\n".repeat(50));
const OTHERS = Buffer.from("an object of another project\n");

let owner: PublicUser;
let outsider: PublicUser;
let group: Group;

/** An object in the store, linked to the project, as an import leaves it. */
async function storeObject(projectId: number, data: Buffer): Promise<void> {
  const staging = await lfsStagingDirectory();
  const { file, size } = await stageLfsObject(staging, sha256(data), [data], 1 << 30);
  await commitLfsObject(file, sha256(data));
  await linkLfsObject(projectId, await saveLfsObject(sha256(data), size), ["project"]);
  fs.rmSync(staging, { recursive: true, force: true });
}

/** A project whose repository holds LFS pointers for `files`, pushed straight into its bare repository. */
async function projectWithPointers(visibility: "private" | "public", files: Record<string, Buffer>): Promise<ProjectWithAccess> {
  const project = await createProject(owner, { name: unique("Lfs"), namespaceId: group.id, visibility, initializeWithReadme: false });
  const worktree = await newWorktree(work, unique("lfs-work"));
  const attributes = Object.keys(files).map((name) => `${name} filter=lfs diff=lfs merge=lfs -text\n`).join("");
  await commitFiles(worktree, { ".gitattributes": attributes, ...Object.fromEntries(Object.entries(files).map(([name, data]) => [name, lfsPointer(data)])) }, "Track with LFS");
  await git(worktree, ["push", "--quiet", repositoryPath(project.id, "project"), "main"]);
  return project;
}

const urlOf = (project: { fullPath: string }, token?: string) => `${token ? server().url.replace("://", `://oauth2:${token}@`) : server().url}/${project.fullPath}.git`;

/** `git clone` (no LFS filters: this client has no configuration), then `git lfs install --local` and `git lfs pull`. */
async function cloneAndPull(url: string) {
  const target = path.join(work, unique("clone"));
  await git(work, ["clone", "--quiet", url, target]);
  await git(target, ["lfs", "install", "--local"]);
  return { target, pull: await gitRun(target, ["lfs", "pull"]) };
}

function batch(project: { fullPath: string }, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server().url}/${project.fullPath}.git/info/lfs/objects/batch`, {
    method: "POST",
    headers: { accept: LFS_JSON, "content-type": LFS_JSON, ...headers },
    body: JSON.stringify(body),
  });
}
const basic = (token: string) => ({ authorization: `Basic ${Buffer.from(`oauth2:${token}`).toString("base64")}` });

beforeAll(async () => {
  owner = await makeUser();
  outsider = await makeUser();
  group = await createGroup(owner, { name: unique("Lfs"), path: unique("lfs"), visibility: "public" });
});

describe("Git LFS from Ferry", () => {
  it("gives `git lfs pull` on a clone the real contents, with a token (oauth2:<token>) and anonymously on a public project", async () => {
    const project = await projectWithPointers("private", { "assets/model.bin": MODEL, "notes.txt": NOTES });
    for (const data of [MODEL, NOTES]) await storeObject(project.id, data);
    const { target, pull } = await cloneAndPull(urlOf(project, await tokenFor(owner.id)));
    expect(pull.code, pull.stderr).toBe(0);
    expect(fs.readFileSync(path.join(target, "assets/model.bin")).equals(MODEL)).toBe(true);
    expect(fs.readFileSync(path.join(target, "notes.txt")).equals(NOTES)).toBe(true);
    expect(await git(target, ["lfs", "fsck"])).toMatch(/Git LFS fsck OK/);
    const routed = server().requests.filter((r) => r.url.includes(project.fullPath));
    expect(routed.some((r) => r.method === "POST" && r.routedTo === `/-/git/${project.fullPath}.git/info/lfs/objects/batch`)).toBe(true);
    expect(routed.some((r) => r.method === "GET" && r.routedTo === `/-/git/${project.fullPath}.git/gitlab-lfs/objects/${sha256(MODEL)}`)).toBe(true);

    const open = await projectWithPointers("public", { "notes.txt": NOTES });
    await storeObject(open.id, NOTES);
    const anonymous = await cloneAndPull(urlOf(open));
    expect(anonymous.pull.code, anonymous.pull.stderr).toBe(0);
    expect(fs.readFileSync(path.join(anonymous.target, "notes.txt")).equals(NOTES)).toBe(true);
  });

  it("answers per object: an href for what the project has, a 404 error for the rest, another project's objects included", async () => {
    const project = await projectWithPointers("private", { "notes.txt": NOTES });
    await storeObject(project.id, NOTES);
    const other = await projectWithPointers("private", { "other.txt": OTHERS });
    await storeObject(other.id, OTHERS);
    const token = await tokenFor(owner.id);
    const missing = "0".repeat(64);
    const response = await batch(project, { operation: "download", transfers: ["basic"], objects: [{ oid: sha256(NOTES), size: NOTES.length }, { oid: sha256(OTHERS), size: OTHERS.length }, { oid: missing, size: 1 }] }, basic(token));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(LFS_JSON);
    const body = (await response.json()) as { transfer: string; objects: { oid: string; actions?: { download: { href: string; header?: Record<string, string> } }; error?: { code: number } }[] };
    expect(body.transfer).toBe("basic");
    const href = `${server().url}/${project.fullPath}.git/gitlab-lfs/objects/${sha256(NOTES)}`;
    expect(body.objects).toEqual([
      { oid: sha256(NOTES), size: NOTES.length, authenticated: true, actions: { download: { href, expires_in: 3600, header: { Authorization: basic(token).authorization } } } },
      { oid: sha256(OTHERS), size: OTHERS.length, error: { code: 404, message: expect.stringMatching(/does not exist/) } },
      { oid: missing, size: 1, error: { code: 404, message: expect.stringMatching(/does not exist/) } },
    ]);
    const object = await fetch(href, { headers: basic(token) });
    expect(object.status).toBe(200);
    expect(object.headers.get("content-length")).toBe(String(NOTES.length));
    expect(Buffer.from(await object.arrayBuffer()).equals(NOTES)).toBe(true);
    // Through another project's address, an object is not there.
    expect((await fetch(`${server().url}/${project.fullPath}.git/gitlab-lfs/objects/${sha256(OTHERS)}`, { headers: basic(token) })).status).toBe(404);
  });

  it("asks anonymous clients of a private project to sign in, hides it from outsiders, refuses uploads and bad requests", async () => {
    const project = await projectWithPointers("private", { "notes.txt": NOTES });
    await storeObject(project.id, NOTES);
    const download = { operation: "download", objects: [{ oid: sha256(NOTES), size: NOTES.length }] };
    const anonymous = await batch(project, download);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Basic/);
    expect((await fetch(`${server().url}/${project.fullPath}.git/gitlab-lfs/objects/${sha256(NOTES)}`)).status).toBe(401);
    expect((await batch(project, download, basic(await tokenFor(outsider.id)))).status).toBe(404);
    expect((await batch(project, download, basic("not-a-token"))).status).toBe(401);

    const token = await tokenFor(owner.id);
    const upload = await batch(project, { ...download, operation: "upload" }, basic(token));
    expect(upload.status).toBe(501);
    expect(((await upload.json()) as { message: string }).message).toMatch(/download only/);
    for (const bad of [{ operation: "download", objects: [{ oid: "../../etc/passwd", size: 1 }] }, { operation: "verify", objects: [] }, { ...download, transfers: ["tus"] }, "not json"]) {
      const response = await batch(project, bad, basic(token));
      expect(response.status, JSON.stringify(bad)).toBe(422);
    }
    // git-lfs clients are the only callers: a batch asked by GET is no address.
    expect((await fetch(`${server().url}/${project.fullPath}.git/info/lfs/objects/batch`, { headers: basic(token) })).status).toBe(404);
  });
});
