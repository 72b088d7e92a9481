import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, lfsObjects, lfsObjectsProjects, projects } from "@/lib/db";
import { projectSettings } from "@/lib/projects";
import { lfsObjectFile, lfsObjectsRoot } from "@/lib/lfs";
import { repositoryPath } from "@/lib/repositories";
import { makeUser, unique } from "@/test/helpers/factories";
import { git, temporaryDirectory } from "@/test/helpers/git-client";
import { importResult, waitForImports } from "@/test/helpers/imports";
import { runImportWorker } from "@/test/helpers/import-worker";
import { makeSourceRepository } from "@/test/helpers/source-repository";
import { DEFAULT_TOKEN, fromArchive, fromLfsObjects, fromRepository, ROUTES, startTestSource, type LfsObject, type TestSource } from "@/test/source";
import { startImports, STATUS, TRACKER_STATUS } from "./index";

runImportWorker("pgboss_lfs_design_import_test");

const ROOT = 4351;
const scratch = temporaryDirectory("ferry-lfs-design-");
const refsOf = (repo: string) => git(repo, ["for-each-ref", "--format=%(objectname) %(objecttype) %(refname)"]);
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");
// Each run's own bytes: the store is shared by every test of the file (and by runs before), so "stored once" is checked per oid.
const run = unique("run");
const bytes = (name: string, size = 3000) => Buffer.from(`${run} ${name} `.repeat(Math.ceil(size / (run.length + name.length + 2))).slice(0, size));

/** The links of a project's objects, as `oid → types`, types sorted (null first). */
async function linksOf(projectId: number): Promise<Record<string, (string | null)[]>> {
  const rows = await getDb()
    .select({ oid: lfsObjects.oid, type: lfsObjectsProjects.repositoryType })
    .from(lfsObjectsProjects)
    .innerJoin(lfsObjects, eq(lfsObjects.id, lfsObjectsProjects.lfsObjectId))
    .where(eq(lfsObjectsProjects.projectId, projectId));
  const links: Record<string, (string | null)[]> = {};
  for (const row of rows) (links[row.oid] ??= []).push(row.type);
  for (const types of Object.values(links)) types.sort((a, b) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a.localeCompare(b)));
  return links;
}

const storedRows = async (oids: string[]) => getDb().select().from(lfsObjects).where(inArray(lfsObjects.oid, oids));

async function importTree(source: TestSource) {
  const user = await makeUser();
  const slug = unique("dest");
  const [started] = await startImports(user, { url: source.url, token: DEFAULT_TOKEN }, [
    { sourceFullPath: source.group(ROOT).path, destinationSlug: slug, destinationNamespace: "", migrateProjects: true, migrateMemberships: false },
  ]);
  const [bulkImport] = await waitForImports([started!.bulkImportId]);
  return { bulkImport: bulkImport!, result: await importResult(started!.bulkImportId) };
}

describe("LFS objects and designs, by direct transfer", () => {
  it("stores each object once by oid, links it with its types, fails an object whose content lies alone, and restores designs", async () => {
    const shared = bytes("shared");
    const [model, texture, sketch] = [bytes("model.bin", 70_000), bytes("texture.png"), bytes("sketch.png")];
    const liar = bytes("liar");
    const liarOid = sha256(bytes("what the liar claims to be"));
    const source = await startTestSource({ version: "17.8.0-ee", exportDelayMs: 20 });
    try {
      const design = await makeSourceRepository(scratch, { commits: 2, branches: 0, tags: 0, mergeRequestRefs: 0 });
      const appObjects: LfsObject[] = [
        { data: model, types: ["project"] },
        { data: texture, types: ["project", "wiki"] },
        { data: sketch, types: ["design"] },
        { data: shared, types: [null, "project", "bogus"] },
        { data: liar, oid: liarOid },
      ];
      const app = source.addProject({
        groupId: ROOT, path: "app", name: "App",
        repository: await makeSourceRepository(scratch, { commits: 2, branches: 1, tags: 1, lfs: { "assets/model.bin": model, "assets/texture.png": texture } }),
        relations: { lfs_objects: fromLfsObjects(appObjects), design: fromRepository(design, "design.bundle") },
      });
      source.addProject({ groupId: ROOT, path: "other", name: "Other", relations: { lfs_objects: fromLfsObjects([{ data: shared }]) } });

      const { bulkImport, result } = await importTree(source);
      expect(bulkImport.status).toBe(STATUS.finished);
      expect(bulkImport.hasFailures).toBe(true);
      const appEntry = result.get(`${source.group(ROOT).path}/app`)!;
      const otherEntry = result.get(`${source.group(ROOT).path}/other`)!;
      expect(appEntry.entity.status).toBe(STATUS.finished);
      expect(otherEntry.entity.status).toBe(STATUS.finished);
      // The object whose content is not its oid: one failure, for it alone; the other four are stored.
      expect(appEntry.trackers.get("lfs_objects")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: 5, fetchedObjectsCount: 5, importedObjectsCount: 4 });
      expect(appEntry.failures.map((f) => [f.relation, f.sourceTitle, f.exceptionMessage])).toEqual([["lfs_objects", `./${liarOid}`, expect.stringMatching(`has the SHA-256 ${sha256(liar)}: its content does not match its oid`)]]);
      expect(otherEntry.trackers.get("lfs_objects")).toMatchObject({ status: TRACKER_STATUS.finished, importedObjectsCount: 1 });
      expect(otherEntry.failures).toEqual([]);

      // Stored once, in GitLab's layout, with the content it was sent; the liar nowhere.
      const oids = [model, texture, sketch, shared].map(sha256);
      const rows = await storedRows([...oids, liarOid, sha256(liar)]);
      expect(rows.map((r) => [r.oid, r.size]).sort()).toEqual([model, texture, sketch, shared].map((d) => [sha256(d), d.length]).sort());
      const [modelOid] = oids;
      expect(lfsObjectFile(modelOid!)).toBe(`${lfsObjectsRoot()}/${modelOid!.slice(0, 2)}/${modelOid!.slice(2, 4)}/${modelOid!.slice(4)}`);
      for (const data of [model, texture, sketch, shared]) expect(fs.readFileSync(lfsObjectFile(sha256(data))).equals(data)).toBe(true);
      expect(fs.existsSync(lfsObjectFile(liarOid))).toBe(false);
      expect(fs.readdirSync(`${lfsObjectsRoot()}/tmp`)).toEqual([]);

      // Linked per project with the types the listing gives (unknown ones dropped), the shared object to both.
      const appId = appEntry.entity.projectId!;
      const otherId = otherEntry.entity.projectId!;
      expect(await linksOf(appId)).toEqual({ [sha256(model)]: ["project"], [sha256(texture)]: ["project", "wiki"], [sha256(sketch)]: ["design"], [sha256(shared)]: [null, "project"] });
      expect(await linksOf(otherId)).toEqual({ [sha256(shared)]: ["project"] });

      // The design repository, beside the code's, every ref as on the source; a project without designs has none.
      expect(appEntry.trackers.get("design")).toMatchObject({ status: TRACKER_STATUS.finished, importedObjectsCount: 1 });
      expect(repositoryPath(appId, "design")).toMatch(/\/[0-9a-f]{64}\.design\.git$/);
      expect(await refsOf(repositoryPath(appId, "design"))).toBe(await refsOf(design));
      expect(await git(repositoryPath(appId, "design"), ["fsck", "--no-dangling"])).toBe("");
      expect(fs.existsSync(repositoryPath(otherId, "design"))).toBe(false);
      expect(otherEntry.trackers.get("design")).toMatchObject({ status: TRACKER_STATUS.finished });
      // The pointers are in the repository as the source has them.
      expect(await git(repositoryPath(appId, "project"), ["show", "main:assets/model.bin"])).toContain(`oid sha256:${sha256(model)}`);

      // A replay of the relation (same archive again) stores nothing twice.
      const before = await getDb().select({ n: sql<number>`count(*)::int` }).from(lfsObjectsProjects).where(eq(lfsObjectsProjects.projectId, appId));
      const { importLfsArchive } = await import("./pipelines/common/lfs-objects-archive");
      // Raw bytes (fetch would gunzip them, as the source says they are gzip-encoded).
      const download = await new Promise<http.IncomingMessage>((resolve, reject) =>
        http.get(`${source.url}/api/v4/projects/${app.id}/export_relations/download?relation=lfs_objects&batched=true&batch_number=1`, { headers: { "PRIVATE-TOKEN": DEFAULT_TOKEN } }, resolve).on("error", reject),
      );
      expect(download.statusCode).toBe(200);
      const failures: unknown[] = [];
      const again = await importLfsArchive(download, appId, appEntry.entity.id, { maxBytes: 1 << 30, maxObjectBytes: 1 << 30 }, async (f) => void failures.push(f));
      expect(again).toEqual({ fetched: 5, imported: 4 });
      expect(failures).toHaveLength(1);
      const after = await getDb().select({ n: sql<number>`count(*)::int` }).from(lfsObjectsProjects).where(eq(lfsObjectsProjects.projectId, appId));
      expect(after).toEqual(before);
      expect(await storedRows(oids)).toHaveLength(4);
    } finally {
      await source.close();
    }
  }, 150_000);

  it("skips the design repository of a project whose lfs_enabled is off, as GitLab's DesignBundlePipeline: done, nothing imported", async () => {
    const source = await startTestSource({ version: "17.8.0-ee", exportDelayMs: 20 });
    try {
      const design = await makeSourceRepository(scratch, { commits: 1, branches: 0, tags: 0, mergeRequestRefs: 0 });
      source.addProject({ groupId: ROOT, path: "no-lfs", name: "No LFS", attributes: { lfs_enabled: false }, relations: { design: fromRepository(design, "design.bundle") } });
      source.addProject({ groupId: ROOT, path: "with-lfs", name: "With LFS", relations: { design: fromRepository(design, "design.bundle") } });
      const { bulkImport, result } = await importTree(source);
      expect(bulkImport.status).toBe(STATUS.finished);
      const off = result.get(`${source.group(ROOT).path}/no-lfs`)!;
      const on = result.get(`${source.group(ROOT).path}/with-lfs`)!;
      const [stored] = await getDb().select({ sourceAttributes: projects.sourceAttributes }).from(projects).where(eq(projects.id, off.entity.projectId!));
      expect(projectSettings(stored!.sourceAttributes).lfs_enabled).toBe(false);
      expect(off.trackers.get("design")).toMatchObject({ status: TRACKER_STATUS.finished, fetchedObjectsCount: 0, importedObjectsCount: 0 });
      expect(off.failures).toEqual([]);
      expect(fs.existsSync(repositoryPath(off.entity.projectId!, "design"))).toBe(false);
      // The same bundle into a project that takes LFS is restored.
      expect(on.trackers.get("design")).toMatchObject({ status: TRACKER_STATUS.finished, importedObjectsCount: 1 });
      expect(await refsOf(repositoryPath(on.entity.projectId!, "design"))).toBe(await refsOf(design));
    } finally {
      await source.close();
    }
  }, 150_000);

  it("refuses a hostile or broken LFS archive whole: a symlink, a path outside, a listing that is not JSON, a corrupt gzip; nothing stored", async () => {
    const source = await startTestSource({ version: "17.8.0-ee", exportDelayMs: 20 });
    const data = (name: string) => bytes(`hostile ${name}`);
    const object = (name: string) => ({ name: `./${sha256(data(name))}`, data: data(name) });
    const listing = (...names: string[]) => ({ name: "./lfs_objects.json", data: Buffer.from(JSON.stringify(Object.fromEntries(names.map((n) => [sha256(data(n)), ["project"]])))) });
    try {
      source.addProject({ groupId: ROOT, path: "link", relations: { lfs_objects: fromArchive([object("a"), { name: `./${sha256(data("b"))}`, type: "symlink", linkName: "/etc/passwd" }, listing("a", "b")]) } });
      source.addProject({ groupId: ROOT, path: "outside", relations: { lfs_objects: fromArchive([object("c"), { name: `../${sha256(data("d"))}`, data: data("d") }, listing("c", "d")]) } });
      source.addProject({ groupId: ROOT, path: "bad-json", relations: { lfs_objects: fromArchive([object("e"), { name: "./lfs_objects.json", data: Buffer.from("{not json") }]) } });
      const corrupt = source.addProject({ groupId: ROOT, path: "corrupt", relations: { lfs_objects: fromArchive([object("f"), listing("f")]) } });
      source.faults.add({ type: "truncate", endpoint: ROUTES.projectExportDownload, relation: "lfs_objects", projectId: corrupt.id, bytes: 40 });

      const { bulkImport, result } = await importTree(source);
      expect(bulkImport.status).toBe(STATUS.finished);
      const messages: Record<string, RegExp> = {
        link: /LFS objects archive is refused: Symbolic links are not imported/,
        outside: /LFS objects archive is refused: Invalid file path \(path traversal/,
        "bad-json": /^LFS Objects JSON read failed$/,
        corrupt: /LFS objects archive cannot be read/,
      };
      for (const [path, says] of Object.entries(messages)) {
        const entry = result.get(`${source.group(ROOT).path}/${path}`)!;
        expect(entry.entity.status, path).toBe(STATUS.finished);
        expect(entry.trackers.get("lfs_objects")!.status, path).toBe(TRACKER_STATUS.failed);
        expect(entry.failures.map((f) => f.exceptionMessage), path).toEqual([expect.stringMatching(says)]);
        expect(await linksOf(entry.entity.projectId!), path).toEqual({});
      }
      // Not even the honest objects beside the hostile member.
      const names = ["a", "b", "c", "d", "e", "f"];
      expect(await storedRows(names.map((n) => sha256(data(n))))).toEqual([]);
      for (const name of names) expect(fs.existsSync(lfsObjectFile(sha256(data(name)))), name).toBe(false);
      expect(fs.readdirSync(`${lfsObjectsRoot()}/tmp`)).toEqual([]);
    } finally {
      await source.close();
    }
  }, 150_000);
});
