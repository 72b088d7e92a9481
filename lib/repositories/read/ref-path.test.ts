import { beforeAll, describe, expect, it, vi } from "vitest";
import { git, temporaryDirectory } from "@/test/helpers/git-client";
import type * as GitProcess from "../git-process";
import { buildSampleRepository, type SampleRepository } from "./_test/sample-repository";
import { refNames } from "./ref-names";
import { splitRefPath } from "./ref-path";

// Every git the reader starts, counted (the test's own git client is not).
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

const root = temporaryDirectory("ferry-read-ref-path-");
let sample: SampleRepository;

beforeAll(async () => {
  sample = await buildSampleRepository(root);
  // A tag named like the first part of a branch, and a branch whose name looks like a commit id.
  await git(sample.repo, ["tag", "feature", sample.sha.files]);
  await git(sample.repo, ["branch", "deadbeef", sample.sha.rename]);
});

const split = (tail: string) => splitRefPath(sample.repo, tail.split("/"));

describe("splitRefPath", () => {
  it("takes the longest run of segments that names a branch or tag, the rest as the path", async () => {
    const { sha } = sample;
    expect(await split("main")).toEqual({ ref: "main", type: "branch", commit: sha.head, path: "" });
    expect(await split("main/src/lib/util.ts")).toEqual({ ref: "main", type: "branch", commit: sha.head, path: "src/lib/util.ts" });
    expect(await split("feature/login/src/login.ts")).toEqual({ ref: "feature/login", type: "branch", commit: sha.login, path: "src/login.ts" });
    // `feature` alone is a tag: what does not continue as a branch falls back to it.
    expect(await split("feature/src/app.ts")).toEqual({ ref: "feature", type: "tag", commit: sha.files, path: "src/app.ts" });
    expect(await split("release/1.x/docs")).toEqual({ ref: "release/1.x", type: "branch", commit: sha.files, path: "docs" });
    // Annotated tags are peeled to their commit.
    expect(await split("v2.0/src")).toEqual({ ref: "v2.0", type: "tag", commit: sha.merge, path: "src" });
  });

  it("takes a commit id (full or short, any case) or HEAD as the first segment, a branch before an id", async () => {
    const { sha } = sample;
    expect(await split(`${sha.rename}/docs/manual.md`)).toEqual({ ref: sha.rename, type: "commit", commit: sha.rename, path: "docs/manual.md" });
    const short = sha.binary.slice(0, 8).toUpperCase();
    expect(await split(`${short}/assets`)).toEqual({ ref: short, type: "commit", commit: sha.binary, path: "assets" });
    expect(await split("HEAD/src")).toEqual({ ref: "HEAD", type: "commit", commit: sha.head, path: "src" });
    expect(await split("deadbeef")).toEqual({ ref: "deadbeef", type: "branch", commit: sha.rename, path: "" });
  });

  it("is null for what names nothing, and never hands git an option, a range or a path outside the tree", async () => {
    for (const tail of ["nope", "nope/main", "-p/x", "--output=/tmp/x", "main..feature", "main~1/src", "HEAD@{1}", "main^{tree}", "0000/x", ":/Add", "src/app.ts"]) {
      expect(await split(tail), tail).toBeNull();
    }
    expect(await splitRefPath(sample.repo, [])).toBeNull();
    // The ref exists; what follows cannot be a path.
    for (const tail of ["main/../etc/passwd", "main/src/./app.ts", "main//x", "main/src/"]) expect(await split(tail), tail).toBeNull();
    // A file whose name looks like an option is a path like any other.
    expect(await split("main/-p")).toMatchObject({ ref: "main", path: "-p" });
  });

  it("asks git once, whatever the number of segments", async () => {
    spawned.runs.length = 0;
    expect(await split("feature/login/a/b/c/d/e/f/g/h/i/j/k")).toMatchObject({ ref: "feature/login", path: "a/b/c/d/e/f/g/h/i/j/k" });
    expect(spawned.runs).toEqual([["cat-file", "--batch-check=%(objectname) %(objecttype)"]]);
  });
});

describe("refNames", () => {
  it("lists branch names (the default first) and tag names (newest first), filtered, counting all matches", async () => {
    const all = await refNames(sample.repo, { limit: 100 });
    expect(all.branches[0]).toBe("main");
    expect(all.branches).toEqual(expect.arrayContaining(["alpha", "feature/login", "release/1.x", "Feature/UPPER"]));
    expect(all.tags.slice().sort()).toEqual(["feature", "v1.0", "v2.0", "v2.1"]);
    expect(all.branchTotal).toBe(all.branches.length);

    const some = await refNames(sample.repo, { search: "FEATURE", limit: 1 });
    expect(some.branches).toHaveLength(1);
    expect(some.branchTotal).toBe(2);
    expect(some.tags).toEqual(["feature"]);
    expect(await refNames(sample.repo, { search: "^v2" })).toMatchObject({ branches: [], tags: expect.arrayContaining(["v2.0", "v2.1"]), tagTotal: 2 });
  });
});
