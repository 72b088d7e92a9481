import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { commitFiles, git, newWorktree, temporaryDirectory } from "@/test/helpers/git-client";
import { buildSampleRepository, type SampleRepository } from "./_test/sample-repository";
import { commitFileDiff } from "./file-diff";
import { diffLines } from "./diff-lines";
import { lastCommitsForTree } from "./tree-commits";

const root = temporaryDirectory("ferry-read-tree-commits-");
let sample: SampleRepository;

beforeAll(async () => {
  sample = await buildSampleRepository(root);
});

/** What `git log -1 -- <path>` says, the answer each entry must get. */
const lastOf = (rev: string, path: string) => git(sample.repo, ["log", "-1", "--format=%H", rev, "--", path]);

describe("lastCommitsForTree", () => {
  it("finds the last commit of every entry of the root and of a subdirectory, as git log -1 does for each", async () => {
    const { repo, sha } = sample;
    const rootNames = ["src", "docs", "bin", "assets", "vendor", "-p", "with space.txt", "app-link", "big.txt", "README.md"];
    const found = await lastCommitsForTree(repo, sha.head, "", rootNames);
    expect([...found.keys()].sort()).toEqual([...rootNames].sort());
    for (const name of rootNames) expect(found.get(name)!.id, name).toBe(await lastOf(sha.head, name));
    // Both sides of the merge changed src: the merge itself is its last change.
    expect(found.get("src")!.id).toBe(sha.merge);

    const lib = await lastCommitsForTree(repo, sha.head, "src/lib", ["util.ts", "deep"]);
    expect(lib.get("util.ts")!.id).toBe(sha.files);
    expect(lib.get("deep")!.id).toBe(sha.files);
  });

  it("answers at an older commit, and leaves out names that are not there", async () => {
    const { repo, sha } = sample;
    const found = await lastCommitsForTree(repo, sha.files, "", ["src", "assets", "nope"]);
    expect(found.get("src")!.id).toBe(sha.files);
    expect(found.has("assets")).toBe(false);
    expect(found.has("nope")).toBe(false);
    expect((await lastCommitsForTree(repo, sha.head, "../x", ["a"])).size).toBe(0);
  });
});

describe("lastCommitsForTree around merges", () => {
  it("names a merge only for what it changed against every parent, as git log -1 does", async () => {
    // docs changes on main after the side branch starts; src/side on the side; src/both on both sides.
    const worktree = await newWorktree(root, "merges");
    await commitFiles(worktree, { "docs/a.md": "a\n", "src/x.ts": "x\n", "both/b.txt": "b\n" }, "Start");
    await git(worktree, ["checkout", "--quiet", "-b", "side"]);
    await commitFiles(worktree, { "src/y.ts": "y\n", "both/side.txt": "side\n" }, "On the side");
    await git(worktree, ["checkout", "--quiet", "main"]);
    await commitFiles(worktree, { "docs/a.md": "a2\n", "both/main.txt": "main\n" }, "On main");
    await git(worktree, ["merge", "--quiet", "--no-ff", "--message", "Merge side", "side"]);
    const head = await git(worktree, ["rev-parse", "HEAD"]);
    const names = ["docs", "src", "both", "README.md"];
    const found = await lastCommitsForTree(path.join(worktree, ".git"), head, "", names);
    for (const name of names) expect(found.get(name)!.id, name).toBe(await git(worktree, ["log", "-1", "--format=%H", "HEAD", "--", name]));
    expect(found.get("both")!.title).toBe("Merge side");
    expect(found.get("docs")!.title).toBe("On main");
    expect(found.get("src")!.title).toBe("On the side");
  });
});

describe("commitFileDiff and diffLines", () => {
  it("diffs one file of a commit, renames included, and numbers its lines", async () => {
    const { repo, sha } = sample;
    const renamed = await commitFileDiff(repo, sha.rename, { oldPath: "docs/guide.md", newPath: "docs/manual.md" }, { maxFileBytes: 1024 * 1024 });
    expect(renamed).toMatchObject({ renamed_file: true, old_path: "docs/guide.md", new_path: "docs/manual.md", too_large: false });
    const { lines, additions, deletions } = diffLines(renamed!.diff);
    expect([additions, deletions]).toEqual([1, 0]);
    expect(lines[0]).toMatchObject({ type: "hunk", oldLine: null });
    expect(lines.at(-1)).toEqual({ type: "added", oldLine: null, newLine: 23, text: "One more step." });
    expect(lines.at(-2)).toMatchObject({ type: "context", oldLine: 22, newLine: 22 });

    const big = await commitFileDiff(repo, sha.big, { oldPath: "big.txt", newPath: "big.txt" }, { maxFileBytes: 1024 });
    expect(big).toMatchObject({ new_file: true, too_large: true, diff: "" });
    const whole = await commitFileDiff(repo, sha.big, { oldPath: "big.txt", newPath: "big.txt" }, { maxFileBytes: 1024 * 1024, maxLinesPerFile: 10_000 });
    expect(diffLines(whole!.diff).additions).toBe(3000);
    expect(await commitFileDiff(repo, sha.big, { oldPath: "src/app.ts", newPath: "src/app.ts" }, {})).toBeNull();
    expect(await commitFileDiff(repo, sha.big, { oldPath: "../x", newPath: "../x" }, {})).toBeNull();
  });

  it("reads git's notice of a missing newline and skips what precedes the first hunk", () => {
    const parsed = diffLines("@@ -1 +1,2 @@\n-a\n\\ No newline at end of file\n+a\n+b\n");
    expect(parsed.lines.map((line) => [line.type, line.oldLine, line.newLine, line.text])).toEqual([
      ["hunk", null, null, "@@ -1 +1,2 @@"],
      ["removed", 1, null, "a"],
      ["note", null, null, "No newline at end of file"],
      ["added", null, 1, "a"],
      ["added", null, 2, "b"],
    ]);
    expect(diffLines("").lines).toEqual([]);
  });
});
