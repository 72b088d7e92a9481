import { beforeAll, describe, expect, it } from "vitest";
import { git, temporaryDirectory } from "@/test/helpers/git-client";
import { BIG_LINES, buildSampleRepository, type SampleRepository } from "./_test/sample-repository";
import { commitDiff, compare } from "./diffs";

const root = temporaryDirectory("ferry-read-diffs-");
let sample: SampleRepository;

beforeAll(async () => {
  sample = await buildSampleRepository(root);
});

const paths = (diffs: { new_path: string }[]) => diffs.map((file) => file.new_path);

describe("commitDiff", () => {
  it("shows a rename with its edit, as GitLab's diff objects", async () => {
    const { diffs, files_changed, overflow } = await commitDiff(sample.repo, sample.sha.rename);
    expect({ files_changed, overflow }).toEqual({ files_changed: 1, overflow: false });
    expect(diffs).toEqual([
      {
        old_path: "docs/guide.md",
        new_path: "docs/manual.md",
        a_mode: "100644",
        b_mode: "100644",
        new_file: false,
        renamed_file: true,
        deleted_file: false,
        diff: "@@ -20,3 +20,4 @@ Step 17: do the thing.\n Step 18: do the thing.\n Step 19: do the thing.\n Step 20: do the thing.\n+One more step.\n",
        collapsed: false,
        too_large: false,
        binary: false,
      },
    ]);
  });

  it("marks binary files and new ones, mode changes and links", async () => {
    const { repo, sha } = sample;
    expect((await commitDiff(repo, sha.binary)).diffs).toEqual([
      expect.objectContaining({ new_path: "assets/logo.png", a_mode: "0", b_mode: "100644", new_file: true, binary: true, diff: "Binary files /dev/null and b/assets/logo.png differ\n" }),
    ]);
    const executable = await commitDiff(repo, sha.executable);
    expect(executable.diffs).toEqual([
      expect.objectContaining({ new_path: "app-link", new_file: true, b_mode: "120000", diff: "@@ -0,0 +1 @@\n+src/app.ts\n\\ No newline at end of file\n" }),
      expect.objectContaining({ new_path: "bin/run.sh", a_mode: "100644", b_mode: "100755", new_file: false, diff: "" }),
    ]);
  });

  it("shows a merge against its first parent, a root commit against nothing, a deletion", async () => {
    const { repo, sha } = sample;
    expect((await commitDiff(repo, sha.merge)).diffs).toEqual([expect.objectContaining({ new_path: "src/login.ts", new_file: true, diff: "@@ -0,0 +1 @@\n+export const login = () => true;\n" })]);
    expect((await commitDiff(repo, sha.initial)).diffs).toEqual([expect.objectContaining({ new_path: "README.md", a_mode: "0", new_file: true })]);
    expect((await commitDiff(repo, "ahead")).diffs).toEqual([
      expect.objectContaining({ new_path: "ahead.txt", new_file: true }),
      expect.objectContaining({ old_path: "with space.txt", new_path: "with space.txt", deleted_file: true, b_mode: "0", diff: "@@ -1 +0,0 @@\n-spaced\n" }),
    ]);
  });

  it("empties a patch past the per-file limits, collapses past the total, lists at most maxFiles", async () => {
    const { repo, sha } = sample;
    const whole = (await commitDiff(repo, sha.big)).diffs.find((file) => file.new_path === "big.txt")!;
    expect(whole.diff.split("\n").filter((line) => line.startsWith("+"))).toHaveLength(BIG_LINES);
    expect((await commitDiff(repo, sha.big, { maxFileBytes: 10_000 })).diffs.find((file) => file.new_path === "big.txt")).toMatchObject({ diff: "", too_large: true, collapsed: false });
    expect((await commitDiff(repo, sha.big, { maxLinesPerFile: 100 })).diffs.find((file) => file.new_path === "big.txt")).toMatchObject({ diff: "", too_large: true });

    const files = await commitDiff(repo, sha.files, { maxBytes: 200 });
    expect(files.files_changed).toBe(7);
    expect(files.overflow).toBe(true);
    expect(files.diffs).toHaveLength(7);
    const shown = files.diffs.filter((file) => !file.collapsed);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(7);
    for (const file of files.diffs.filter((file) => file.collapsed)) expect(file.diff).toBe("");
    expect(shown.reduce((sum, file) => sum + Buffer.byteLength(file.diff), 0)).toBeLessThanOrEqual(200);

    const few = await commitDiff(repo, sha.files, { maxFiles: 2 });
    expect(few).toMatchObject({ files_changed: 7, overflow: true });
    expect(paths(few.diffs)).toEqual(["-p", "bin/run.sh"]);
  });

  it("answers 404 Commit Not Found for what names no commit", async () => {
    await expect(commitDiff(sample.repo, "nope")).rejects.toThrow("404 Commit Not Found");
    await expect(commitDiff(sample.repo, "--output=/tmp/ferry-diff")).rejects.toThrow("404 Commit Not Found");
  });
});

describe("compare", () => {
  it("lists the commits of `to` missing from `from`, oldest first, and the diff from their merge base", async () => {
    const { repo, sha } = sample;
    const result = await compare(repo, "alpha", "main");
    const expected = (await git(repo, ["log", "--reverse", "--format=%H", "alpha..main"])).split("\n");
    expect(result.commits.map((commit) => commit.id)).toEqual(expected);
    expect(result.commit?.id).toBe(sha.head);
    expect(result).toMatchObject({ compare_timeout: false, compare_same_ref: false, overflow: false });
    const expectedPaths = (await git(repo, ["diff", "--name-only", "-M", `${sha.files}`, "main"])).split("\n");
    expect(paths(result.diffs).sort()).toEqual(expectedPaths.sort());
  });

  it("compares straight (from against to) or from the merge base", async () => {
    const { repo } = sample;
    // main is an ancestor of ahead: nothing of main is missing from ahead, and their merge base is main itself.
    const fromBase = await compare(repo, "ahead", "main");
    expect(fromBase).toMatchObject({ commits: [], commit: null, diffs: [] });
    const straight = await compare(repo, "ahead", "main", { straight: true });
    expect(straight.commits).toEqual([]);
    expect(straight.diffs).toEqual([
      expect.objectContaining({ new_path: "ahead.txt", deleted_file: true }),
      expect.objectContaining({ new_path: "with space.txt", new_file: true }),
    ]);
  });

  it("says when both sides are the same commit, bounds commits, and answers 404 Ref Not Found", async () => {
    const { repo, sha } = sample;
    expect(await compare(repo, "main", sha.head)).toEqual({ commit: null, commits: [], diffs: [], compare_timeout: false, compare_same_ref: true, overflow: false });
    const bounded = await compare(repo, sha.initial, "main", { maxCommits: 2 });
    expect(bounded.commits.map((commit) => commit.id)).toEqual((await git(repo, ["log", "-2", "--format=%H", "main"])).split("\n").reverse());
    expect(bounded.overflow).toBe(true);
    await expect(compare(repo, "nope", "main")).rejects.toThrow("404 Ref Not Found");
    await expect(compare(repo, "main", "-p")).rejects.toThrow("404 Ref Not Found");
  });
});
