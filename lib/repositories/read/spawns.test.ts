import fs from "node:fs";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { git, temporaryDirectory } from "@/test/helpers/git-client";
import type * as GitProcess from "../git-process";
import { buildSampleRepository, type SampleRepository } from "./_test/sample-repository";
import { streamArchive } from "./archive";
import { blobAt, blobInfo, streamBlob } from "./blobs";
import { aheadBehind, branch, listBranches } from "./branches";
import { getCommit } from "./commit-detail";
import { commitRefs } from "./commit-refs";
import { lastCommitFor, listCommits } from "./commits";
import { commitDiff, compare } from "./diffs";
import { GitNotFoundError } from "./errors";
import { objectCache } from "./object-cache";
import { resolveRevision } from "./resolve";
import { tag } from "./tags";
import { listTree } from "./tree";

// Every git the readers start, counted: the readers' own module is wrapped, the test's git client (execFile) is not.
const spawned = vi.hoisted(() => ({ runs: [] as string[][] }));
vi.mock("../git-process", async (importOriginal) => {
  const actual = await importOriginal<typeof GitProcess>();
  return {
    ...actual,
    runGit: (args: string[], options: GitProcess.RunGitOptions) => {
      spawned.runs.push([...args]);
      return actual.runGit(args, options);
    },
    spawnGit: (args: string[], options: GitProcess.GitOptions) => {
      spawned.runs.push([...args]);
      return actual.spawnGit(args, options);
    },
  };
});

const root = temporaryDirectory("ferry-read-spawns-");
let sample: SampleRepository;

beforeAll(async () => {
  sample = await buildSampleRepository(root);
});

beforeEach(() => {
  spawned.runs.length = 0;
});

/** How many git processes `read` starts. */
async function spawnsOf(read: () => Promise<unknown>): Promise<number> {
  const before = spawned.runs.length;
  await read();
  return spawned.runs.length - before;
}

describe("the cache by object id", () => {
  it("answers a second read of the same objects without starting git", async () => {
    objectCache.clear();
    const { repo, sha } = sample;
    const reads: [string, () => Promise<unknown>][] = [
      ["getCommit", () => getCommit(repo, sha.merge)],
      ["listTree", () => listTree(repo, { ref: sha.head, path: "src", recursive: true })],
      ["blobAt", () => blobAt(repo, sha.head, "src/app.ts")],
      ["commitDiff", () => commitDiff(repo, sha.rename)],
      ["lastCommitFor", () => lastCommitFor(repo, sha.head, "docs")],
      ["listCommits total", () => listCommits(repo, { ref: sha.head, withTotal: true }).then((page) => page.total)],
      ["compare", () => compare(repo, sha.files, sha.merge)],
    ];
    for (const [name, read] of reads) {
      expect(await spawnsOf(read), `${name}, cold`).toBeGreaterThan(0);
      expect(await spawnsOf(read), `${name}, warm`).toBe(0);
    }
  });

  it("resolves names again (refs move) but nothing else", async () => {
    const { repo, sha } = sample;
    await listTree(repo, { ref: "main" });
    await blobAt(repo, "main", "README.md");
    await listCommits(repo, { ref: "main", path: "src" });
    spawned.runs.length = 0;
    // One rev-parse each: what main points to now.
    expect(await spawnsOf(() => listTree(repo, { ref: "main" }))).toBe(1);
    expect(await spawnsOf(() => blobAt(repo, "main", "README.md"))).toBe(1);
    expect(await spawnsOf(() => listCommits(repo, { ref: "main", path: "src" }))).toBe(1);
    expect(spawned.runs.filter((args) => args[0] !== "rev-parse")).toEqual([]);
    // The listing of refs and what HEAD points to; whether each branch is merged is known by the two commit ids.
    await listBranches(repo);
    expect(await spawnsOf(() => listBranches(repo))).toBe(2);
    expect(spawned.runs.at(-2)![0]).toBe("for-each-ref");
    expect(spawned.runs.some((args) => args.some((arg) => arg.startsWith("--merged")))).toBe(true);
    expect(spawned.runs.slice(-2).some((args) => args.some((arg) => arg.startsWith("--merged")))).toBe(false);
    const info = await blobInfo(repo, (await blobAt(repo, sha.head, "README.md")).blob_id);
    expect(await spawnsOf(() => blobInfo(repo, info.id))).toBe(0);
  });

  it("does not let one repository's cached objects answer another's reads", async () => {
    const { repo, sha } = sample;
    // A copy of alpha's history only: it holds sha.files, not sha.ahead.
    const other = `${root}/alpha-only.git`;
    await git(root, ["clone", "--quiet", "--bare", "--no-local", "--single-branch", "--branch", "alpha", "--no-tags", repo, other]);
    await getCommit(repo, sha.files);
    await getCommit(repo, sha.ahead);
    expect(await spawnsOf(() => getCommit(other, sha.files))).toBeGreaterThan(0);
    await expect(getCommit(other, sha.ahead)).rejects.toThrow("404 Commit Not Found");
    await expect(blobAt(other, sha.ahead, "ahead.txt")).rejects.toThrow("404 Commit Not Found");
  });
});

describe("hostile names", () => {
  const REVISIONS = ["--output=/tmp/ferry-pwned", "-p", "--all", "HEAD@{1}", "main@{upstream}", "main~1", "main^2", "a..b", "a...b", ":/Initial", "main:README.md", "../x", "x\ny", ""];
  const PATHS = ["../x", "../../etc/passwd", "/etc/passwd", "a//b", "./a", "a/./b", "src/..", "x\0y"];

  it("refuses revisions that are options, reflogs or revision syntax before any git runs", async () => {
    const { repo } = sample;
    for (const rev of REVISIONS) {
      const reads: (() => Promise<unknown>)[] = [
        () => resolveRevision(repo, rev),
        () => getCommit(repo, rev),
        () => listTree(repo, { ref: rev }),
        () => blobAt(repo, rev, "README.md"),
        () => commitDiff(repo, rev),
        () => compare(repo, rev, "main"),
        () => commitRefs(repo, rev),
        () => lastCommitFor(repo, rev, "src"),
        () => streamArchive(repo, rev, "tar", "p"),
        () => branch(repo, rev),
        () => tag(repo, rev),
        () => aheadBehind(repo, rev, ["main"]),
        () => blobInfo(repo, rev),
        () => streamBlob(repo, rev),
      ];
      for (const read of reads) {
        const before = spawned.runs.length;
        await expect(read(), JSON.stringify(rev)).rejects.toBeInstanceOf(GitNotFoundError);
        expect(spawned.runs.length - before, JSON.stringify(rev)).toBe(0);
      }
      expect(await spawnsOf(() => listCommits(repo, { ref: rev }))).toBe(0);
      expect(await aheadBehind(repo, "main", [rev])).toEqual([]);
    }
    expect(fs.existsSync("/tmp/ferry-pwned")).toBe(false);
  });

  it("refuses paths that leave the tree before any git runs, and reads option-like file names as files", async () => {
    const { repo, sha } = sample;
    for (const filePath of PATHS) {
      const label = JSON.stringify(filePath);
      await expect(blobAt(repo, sha.head, filePath), label).rejects.toThrow("404 File Not Found");
      await expect(listTree(repo, { ref: sha.head, path: filePath }), label).rejects.toThrow("404 invalid revision or path Not Found");
      expect(await lastCommitFor(repo, sha.head, filePath), label).toBeNull();
      expect((await listCommits(repo, { ref: sha.head, path: filePath })).commits, label).toEqual([]);
    }
    expect(spawned.runs.filter((args) => args[0] !== "rev-parse")).toEqual([]);
    // `-p` is a file of the sample: after `--` it is a path, not git's patch option.
    expect((await blobAt(repo, sha.head, "-p")).size).toBe(39);
    expect(spawned.runs.some((args) => args.includes("--") && args.at(-1) === "-p")).toBe(true);
  });
});
