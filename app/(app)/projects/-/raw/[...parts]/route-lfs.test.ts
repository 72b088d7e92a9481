import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, projects } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { commitLfsObject, linkLfsObject, lfsStagingDirectory, saveLfsObject, stageLfsObject } from "@/lib/lfs";
import { createProject, lfsFileOf, type ProjectWithAccess } from "@/lib/projects";
import { repositoryPath } from "@/lib/repositories";
import type { PublicUser } from "@/lib/users";
import { makeUser, unique } from "@/test/helpers/factories";
import { commitFiles, git, newWorktree, temporaryDirectory } from "@/test/helpers/git-client";

// The seam: a real session needs Next's request context; the route only asks currentUser() who is signed in.
const session = vi.hoisted(() => ({ user: null as PublicUser | null }));
vi.mock("@/lib/auth", () => ({ currentUser: async () => session.user }));

const { GET: raw } = await import("./route");

const root = temporaryDirectory("ferry-raw-lfs-");
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");
const pointer = (data: Buffer) => `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256(data)}\nsize ${data.length}\n`;
const run = unique("lfs");
// Each run's own bytes: the object store is shared by every test (and every run before).
const MODEL = Buffer.concat([Buffer.from(`${run} model `), Buffer.from([0, 1, 2, 3, 255]), Buffer.alloc(20_000, 7)]);
const LOGO = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), Buffer.from(run)]);
const NOTES = Buffer.from(`${run} notes, stored as text\n`);
const MISSING = Buffer.from(`${run} never uploaded`);
const FOREIGN = Buffer.from(`${run} another project's object`);

let owner: PublicUser;
let project: ProjectWithAccess;
let other: ProjectWithAccess;

/** Puts an object in the store, as an import or a push does, linked to `projectId`. */
async function storeObject(data: Buffer, projectId: number) {
  const oid = sha256(data);
  const { file } = await stageLfsObject(await lfsStagingDirectory(), oid, [data], 1 << 20);
  await commitLfsObject(file, oid);
  await linkLfsObject(projectId, await saveLfsObject(oid, data.length), [null]);
}

beforeAll(async () => {
  owner = await makeUser();
  session.user = owner;
  const group = await createGroup(owner, { name: "Lfs", path: unique("lfs"), visibility: "private" });
  project = await createProject(owner, { name: "Assets", path: "assets", namespaceId: group.id, visibility: "private" });
  other = await createProject(owner, { name: "Other", path: "other", namespaceId: group.id, visibility: "private" });
  for (const data of [MODEL, LOGO, NOTES]) await storeObject(data, project.id);
  await storeObject(FOREIGN, other.id);
  const worktree = await newWorktree(root, "assets");
  await commitFiles(
    worktree,
    { "model.bin": pointer(MODEL), "logo.png": pointer(LOGO), "notes.txt": pointer(NOTES), "missing.bin": pointer(MISSING), "foreign.bin": pointer(FOREIGN) },
    "Add LFS pointers",
  );
  await git(worktree, ["push", "--quiet", repositoryPath(project.id, "project"), "main"]);
});

const getRaw = (path: string, query = "") => raw(new Request(`http://ferry.test/projects/-/raw/main/${path}/-/${project.fullPath}${query}`));

describe("GET /:project/-/raw/ of a Git LFS pointer", () => {
  it("answers with the object when the project has it, typed as the object is", async () => {
    const model = await getRaw("model.bin");
    expect([model.status, model.headers.get("content-type"), model.headers.get("content-length")]).toEqual([200, "application/octet-stream", String(MODEL.length)]);
    expect(model.headers.get("content-disposition")).toMatch(/^attachment; filename="model\.bin"/);
    expect(Buffer.from(await model.arrayBuffer()).equals(MODEL)).toBe(true);
    const logo = await getRaw("logo.png");
    expect([logo.status, logo.headers.get("content-type")]).toEqual([200, "image/png"]);
    expect(Buffer.from(await logo.arrayBuffer()).equals(LOGO)).toBe(true);
    const notes = await getRaw("notes.txt", "?inline=false");
    expect([notes.headers.get("content-type"), notes.headers.get("content-disposition")?.startsWith("attachment"), await notes.text()]).toEqual(["text/plain; charset=utf-8", true, NOTES.toString()]);
  });

  it("answers the pointer itself when the object is not here, or is stored for another project only", async () => {
    expect(await (await getRaw("missing.bin")).text()).toBe(pointer(MISSING));
    expect(await (await getRaw("foreign.bin")).text()).toBe(pointer(FOREIGN));
  });

  it("takes a pointer for text only in a project whose lfs_enabled is off (GitLab's stored_externally)", async () => {
    const fresh = { ...project, sourceAttributes: { ...project.sourceAttributes } };
    expect(await lfsFileOf(fresh, { content: pointer(MODEL), symlink: false })).toEqual({ oid: sha256(MODEL), size: MODEL.length, stored: true });
    expect(await lfsFileOf(fresh, { content: pointer(MODEL), symlink: true })).toBeNull();
    await getDb().update(projects).set({ sourceAttributes: sql`${projects.sourceAttributes} || '{"lfs_enabled": false}'::jsonb` }).where(eq(projects.id, project.id));
    try {
      expect(await (await getRaw("model.bin")).text()).toBe(pointer(MODEL));
    } finally {
      await getDb().update(projects).set({ sourceAttributes: sql`${projects.sourceAttributes} - 'lfs_enabled'` }).where(eq(projects.id, project.id));
    }
  });
});
