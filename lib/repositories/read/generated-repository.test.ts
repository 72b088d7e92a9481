import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { git, temporaryDirectory } from "@/test/helpers/git-client";
import { blobInfo } from "./blobs";
import { listBranches } from "./branches";
import { commitDiff } from "./diffs";
import { listTags } from "./tags";
import { listTree } from "./tree";

// scripts/bench/make-repository.ts, run as a benchmark runs it but with small numbers, and read back with git and
// with the readers.

const root = temporaryDirectory("ferry-make-repository-");
const SCRIPT = path.resolve("scripts/bench/make-repository.ts");
const ASKED = { commits: 600, files: 300, branches: 15, tags: 10, largeMb: 2 };
const ARGS = ["--commits", ASKED.commits, "--files", ASKED.files, "--branches", ASKED.branches, "--tags", ASKED.tags, "--large-mb", ASKED.largeMb].map(String);

async function make(name: string, extra: string[] = []) {
  const dir = path.join(root, name);
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", SCRIPT, dir, ...ARGS, ...extra], { cwd: path.resolve("."), maxBuffer: 1024 * 1024 });
  return { dir, summary: JSON.parse(stdout) as Record<string, unknown> };
}

let made: Awaited<ReturnType<typeof make>>;
let again: Awaited<ReturnType<typeof make>>;

beforeAll(async () => {
  [made, again] = await Promise.all([make("first"), make("second")]);
}, 180_000);

describe("make-repository", () => {
  it("makes the history asked for: commits, merges, renames, branches, tags", async () => {
    const { dir, summary } = made;
    const commits = Number(await git(dir, ["rev-list", "--all", "--count"]));
    expect(commits).toBeGreaterThanOrEqual(ASKED.commits);
    expect(summary).toMatchObject({ commits, branches: ASKED.branches + 1, tags: ASKED.tags });
    expect(Number(await git(dir, ["rev-list", "--all", "--merges", "--count"]))).toBeGreaterThanOrEqual(3);
    const renames = (await git(dir, ["log", "--all", "-M", "--diff-filter=R", "--name-status", "--format="])).split("\n").filter((line) => line.startsWith("R"));
    expect(renames.length).toBeGreaterThan(0);
    expect((await git(dir, ["for-each-ref", "--format=%(refname)", "refs/heads/"])).split("\n")).toHaveLength(ASKED.branches + 1);
    const tagTypes = (await git(dir, ["for-each-ref", "--format=%(objecttype)", "refs/tags/"])).split("\n");
    expect(tagTypes).toHaveLength(ASKED.tags);
    expect(tagTypes).toContain("tag");
    expect(tagTypes).toContain("commit");
    expect(await git(dir, ["symbolic-ref", "HEAD"])).toBe("refs/heads/main");
    expect(await git(dir, ["fsck", "--no-dangling", "--connectivity-only"])).toBe("");
  });

  it("makes nested files, binary files, a large file, an executable, a link and a submodule", async () => {
    const { dir } = made;
    const entries = (await git(dir, ["ls-tree", "-r", "-l", "HEAD"])).split("\n").map((line) => {
      const [mode, type, id, size] = line.slice(0, line.indexOf("\t")).split(/\s+/);
      return { mode, type, id: id!, size: Number(size), path: line.slice(line.indexOf("\t") + 1) };
    });
    expect(entries.length).toBeGreaterThanOrEqual(ASKED.files);
    expect(Math.max(...entries.map((entry) => entry.path.split("/").length))).toBeGreaterThanOrEqual(4);
    expect(entries.find((entry) => entry.path === "assets/data/benchmark-dataset.bin")?.size).toBe(ASKED.largeMb * 1024 * 1024);
    const images = entries.filter((entry) => entry.path.endsWith(".png"));
    expect(images.length).toBeGreaterThan(0);
    expect((await blobInfo(dir, images[0]!.id)).binary).toBe(true);
    expect(entries.map((entry) => entry.mode)).toEqual(expect.arrayContaining(["100644", "100755", "120000", "160000"]));
  });

  it("is deterministic: the same arguments give the same objects", async () => {
    const refs = (dir: string) => git(dir, ["for-each-ref", "--format=%(objectname) %(refname)"]);
    expect(await refs(again.dir)).toBe(await refs(made.dir));
    expect(again.summary.head).toBe(made.summary.head);
  });

  it("reads back through the readers", async () => {
    const { dir } = made;
    expect((await listBranches(dir, { perPage: 5 })).total).toBe(ASKED.branches + 1);
    const tags = await listTags(dir, { perPage: 100 });
    expect(tags.total).toBe(ASKED.tags);
    expect(tags.tags.some((item) => item.message?.startsWith("Release v"))).toBe(true);
    expect((await listTree(dir, { recursive: true, perPage: 1 })).total).toBeGreaterThan(ASKED.files);
    const merge = await git(dir, ["rev-list", "-1", "--merges", "main"]);
    expect((await commitDiff(dir, merge)).diffs.length).toBeGreaterThan(0);
  });
});
