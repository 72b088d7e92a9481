import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ArchiveCheckError, scanArchive, scanGroupArchive } from "./archive-scan";
import { readRecords, storedFilePath } from "./archive-store";
import { fixtureCount, fixtureMembers, projectFixtureCount, projectFixtureMembers, tarGzOf, type Member } from "./test-archives";

const MB = 1024 * 1024;
const LIMITS = { maxDecompressedBytes: 64 * MB, maxLineBytes: 50 * MB };
let scratch: string;

beforeEach(async () => {
  scratch = await fs.promises.mkdtemp(path.join(os.tmpdir(), "ferry-scan-"));
});
afterEach(async () => {
  await fs.promises.rm(scratch, { recursive: true, force: true });
});

async function scan(archive: Buffer, limits = LIMITS) {
  const file = path.join(scratch, "archive.tar.gz");
  await fs.promises.writeFile(file, archive);
  return scanGroupArchive(file, path.join(scratch, "store"), limits);
}

async function refusal(archive: Buffer, limits = LIMITS): Promise<string> {
  const error = await scan(archive, limits).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ArchiveCheckError);
  // Nothing of a refused archive stays on disk.
  expect(fs.existsSync(path.join(scratch, "store"))).toBe(false);
  return (error as Error).message;
}

describe("scanning a GitLab group export archive", () => {
  for (const dotSlash of [true, false]) {
    it(`indexes every group and relation of GitLab's fixture, root first (members ${dotSlash ? "with" : "without"} ./)`, async () => {
      const index = await scan(await tarGzOf([{ header: { name: "./", type: "directory" } }, ...fixtureMembers("complex", { dotSlash })]));
      expect(index.gitlabVersion).toBe("17.5.1-ee");
      expect(index.groups.map((g) => [g.id, g.parentId])).toEqual([[4351, null], [4352, 4351], [4353, 4351]]);
      for (const group of index.groups) {
        for (const relation of ["labels", "milestones", "badges", "boards", "members", "epics"]) {
          expect(group.relations[relation]?.count ?? 0, `${group.id} ${relation}`).toBe(fixtureCount("complex", group.id, relation));
        }
        const [self] = await readRecords(path.join(scratch, "store"), group.relations.self);
        expect(self).toMatchObject({ parent_id: group.parentId ?? null, name: group.name });
      }
      const labels = await readRecords(path.join(scratch, "store"), index.groups[0]!.relations.labels);
      expect(labels.map((l) => l.title)).toContain("Bruffefunc");
    });
  }

  it("leaves out a group whose parent is not in the archive, as GitLab does", async () => {
    const index = await scan(await tarGzOf(fixtureMembers("child_with_no_parent")));
    expect(index.groups.map((g) => g.id)).toEqual([4351]);
    expect(index.skipped).toEqual([{ id: 4352, message: "Parent group not found" }]);
  });

  it("skips symlinks and named pipes silently", async () => {
    const members: Member[] = [
      ...fixtureMembers("complex"),
      { header: { name: "./tree/groups/4351/link.ndjson", type: "symlink", linkname: "/etc/passwd" } },
      { header: { name: "./pipe", type: "fifo" } },
    ];
    const index = await scan(await tarGzOf(members));
    expect(index.groups).toHaveLength(3);
  });

  it("refuses hostile and foreign archives, each with a clear message and nothing left behind", async () => {
    const complex = fixtureMembers("complex");
    const cases: [string, Promise<Buffer>, RegExp][] = [
      ["hard link", tarGzOf([...complex, { header: { name: "./tree/groups/4351/x.ndjson", type: "link", linkname: "./VERSION" } }]), /^File shares hard link$/],
      ["device", tarGzOf([...complex, { header: { name: "./dev", type: "character-device" } }]), /Devices are not imported/],
      ["parent traversal", tarGzOf([...complex, { header: { name: "../escape" }, data: Buffer.from("x") }]), /path traversal/],
      ["nested traversal", tarGzOf([...complex, { header: { name: "./tree/../../escape" }, data: Buffer.from("x") }]), /path traversal/],
      ["absolute", tarGzOf([...complex, { header: { name: "/etc/cron.d/x" }, data: Buffer.from("x") }]), /path traversal/],
      ["wrong VERSION", tarGzOf(fixtureMembers("complex", { version: "0.2.3" })), /^Import version mismatch: Required 0\.2\.4 but was 0\.2\.3$/],
      ["no VERSION", tarGzOf(fixtureMembers("complex", { version: null })), /VERSION/],
      ["legacy group.json", tarGzOf([{ header: { name: "./VERSION" }, data: Buffer.from("0.2.4") }, { header: { name: "./group.json" }, data: Buffer.from('{"name":"legacy","children":[]}') }]), /^The import file is incompatible$/],
      ["not gzip", Promise.resolve(Buffer.from("just text, not an archive")), /not gzip/],
    ];
    for (const [name, archive, message] of cases) expect(await refusal(await archive), name).toMatch(message);
  });

  it("refuses a truncated gzip", async () => {
    const archive = await tarGzOf(fixtureMembers("complex"));
    expect(await refusal(archive.subarray(0, archive.length - 200))).toMatch(/truncated/);
  });

  it("refuses a gzip bomb once past the decompressed-size limit, without writing it out", async () => {
    // 64 MiB of zeros as one member compresses to about 64 KiB; the limit here is 8 MiB.
    const bomb = await tarGzOf([{ header: { name: "./VERSION" }, data: Buffer.from("0.2.4") }, { header: { name: "./tree/groups/1/labels.ndjson" }, data: Buffer.alloc(64 * MB, 0x20) }]);
    expect(bomb.length).toBeLessThan(MB);
    expect(await refusal(bomb, { ...LIMITS, maxDecompressedBytes: 8 * MB })).toBe("Decompressed archive size validation failed.");
  });

  it("refuses a JSON line past the line limit (GitLab's 50 MB; 1 MB here), as it streams past", async () => {
    const long = Buffer.concat([Buffer.from('{"title":"'), Buffer.alloc(MB + 10, 0x61), Buffer.from('"}\n')]);
    const archive = await tarGzOf([...fixtureMembers("complex"), { header: { name: "./tree/groups/4351/milestones.ndjson" }, data: long }]);
    expect(await refusal(archive, { ...LIMITS, maxLineBytes: MB })).toBe("JSON exceeds 1 MB limit in tree/groups/4351/milestones.ndjson");
  });

  it("reads a gzip stream whose members straddle chunks in any way (a second gzip member appended)", async () => {
    const archive = await tarGzOf(fixtureMembers("complex"));
    // gzip allows concatenated members; an empty one after the archive changes nothing.
    const index = await scan(Buffer.concat([archive, zlib.gzipSync(Buffer.alloc(0))]));
    expect(index.groups).toHaveLength(3);
  });
});

describe("scanning a GitLab project export archive", () => {
  const scanProject = async (members: Member[]) => {
    const file = path.join(scratch, "archive.tar.gz");
    await fs.promises.writeFile(file, await tarGzOf(members));
    return scanArchive(file, path.join(scratch, "store"), LIMITS, "project");
  };
  const projectRefusal = async (members: Member[]) => {
    const error = await scanProject(members).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ArchiveCheckError);
    expect(fs.existsSync(path.join(scratch, "store"))).toBe(false);
    return (error as Error).message;
  };

  it("indexes tree/project.json and every relation, and keeps the files the import reads, dropping links and others", async () => {
    const index = await scanProject(
      projectFixtureMembers("complex", [
        { header: { name: "./project.bundle" }, data: Buffer.from("bundle") },
        { header: { name: "./uploads/0123456789abcdef0123456789abcdef/a.txt" }, data: Buffer.from("a") },
        { header: { name: "./avatar/logo.png" }, data: Buffer.from("png") },
        { header: { name: "./lfs-objects.json" }, data: Buffer.from("{}") },
        { header: { name: "./snippets/", type: "directory" } },
        { header: { name: "./elsewhere.txt" }, data: Buffer.from("not read") },
        { header: { name: "./project.wiki.bundle", type: "symlink", linkname: "/etc/passwd" } },
      ]),
    );
    expect(index.groups).toEqual([]);
    for (const relation of ["issues", "merge_requests", "labels", "project_members", "ci_pipelines"]) {
      expect(index.project!.relations[relation]?.count, relation).toBe(projectFixtureCount("complex", relation));
    }
    expect(index.project!.files.sort()).toEqual(["avatar/logo.png", "lfs-objects.json", "project.bundle", "uploads/0123456789abcdef0123456789abcdef/a.txt"]);
    expect(fs.readFileSync(storedFilePath(path.join(scratch, "store"), "project.bundle"), "utf8")).toBe("bundle");
    const [self] = await readRecords(path.join(scratch, "store"), index.project!.relations.self);
    expect(self).toMatchObject({ description: expect.any(String) });
  });

  it("refuses what GitLab refuses: no tree/project.json, a hard link, a second tree/project.json", async () => {
    const version = { header: { name: "./VERSION" }, data: Buffer.from("0.2.4") };
    expect(await projectRefusal([version])).toBe("Invalid file: tree/project.json is missing");
    expect(await projectRefusal([...projectFixtureMembers("complex"), { header: { name: "./project.bundle", type: "link", linkname: "./VERSION" } }])).toBe("File shares hard link");
    expect(await projectRefusal([...projectFixtureMembers("complex"), { header: { name: "tree/project.json" }, data: Buffer.from("{}") }])).toBe("Duplicate file: tree/project.json");
    // A group export is not a project export.
    expect(await projectRefusal(fixtureMembers("complex"))).toBe("Invalid file: tree/project.json is missing");
  });
});
