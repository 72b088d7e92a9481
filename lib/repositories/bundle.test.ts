import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { commitFiles, git, newWorktree, temporaryDirectory } from "@/test/helpers/git-client";
import { BundleError, createBundle, restoreFromBundle } from "./bundle";
import { createRepository } from "./storage";

const root = temporaryDirectory("ferry-bundle-");
process.env.FERRY_DATA_DIR = path.join(root, "data");
let lastId = 0;
const refsOf = (repo: string) => git(repo, ["for-each-ref", "--format=%(objectname) %(objecttype) %(refname)"]);

/** A source repository as GitLab has them: branches, a lightweight and an annotated tag, merge request refs, HEAD on `develop`. */
let source: string;
beforeAll(async () => {
  source = await createRepository(++lastId, { kind: "project", defaultBranch: "develop" });
  const worktree = await newWorktree(root, "source");
  await commitFiles(worktree, { "README.md": "# Source\n", "bin/data.bin": "\u0000\u0001binary\u0002" }, "First");
  await git(worktree, ["branch", "feature/x"]);
  await commitFiles(worktree, { "src/app.ts": "export const app = 1;\n" }, "Second");
  await git(worktree, ["tag", "v1.0"]);
  await git(worktree, ["tag", "-a", "v1.1", "-m", "Release 1.1"]);
  await git(worktree, ["push", "--quiet", source, "HEAD:refs/heads/develop", "feature/x:refs/heads/feature/x", "HEAD:refs/heads/main", "refs/tags/*:refs/tags/*", "feature/x:refs/merge-requests/1/head"]);
  await git(source, ["symbolic-ref", "HEAD", "refs/heads/develop"]);
});

describe("repository bundles", () => {
  it("carries every ref and object of a repository, and its HEAD branch, into an empty one", async () => {
    const file = path.join(root, "all.bundle");
    expect(await createBundle(source, file)).toBe(true);
    // As the importer makes it: on the source's default branch, from the project's attributes.
    const target = await createRepository(++lastId, { kind: "project", defaultBranch: "develop" });
    expect(await restoreFromBundle(target, file)).toEqual({ refs: 6, head: "develop" });
    expect(await refsOf(target)).toBe(await refsOf(source));
    expect(await git(target, ["symbolic-ref", "HEAD"])).toBe("refs/heads/develop");
    // A default branch the bundle lacks: the branch at the bundle's HEAD commit, `main` among equals.
    const elsewhere = await createRepository(++lastId, { kind: "project", defaultBranch: "trunk" });
    expect((await restoreFromBundle(elsewhere, file)).head).toBe("main");
    expect(await git(elsewhere, ["symbolic-ref", "HEAD"])).toBe("refs/heads/main");
    expect(await git(target, ["fsck", "--strict", "--no-dangling"])).toBe("");
    const objects = (repo: string) => git(repo, ["cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype)"]);
    expect(await objects(target)).toBe(await objects(source));
  });

  it("makes no bundle of an empty repository, as GitLab leaves it out", async () => {
    const empty = await createRepository(++lastId, { kind: "project" });
    const file = path.join(root, "empty.bundle");
    expect(await createBundle(empty, file)).toBe(false);
    expect(fs.existsSync(file)).toBe(false);
  });

  it("refuses a file that is not a bundle, one cut short and one that needs history the repository lacks, leaving it empty", async () => {
    const whole = path.join(root, "whole.bundle");
    await createBundle(source, whole);
    const cut = path.join(root, "cut.bundle");
    fs.writeFileSync(cut, fs.readFileSync(whole).subarray(0, Math.floor(fs.statSync(whole).size / 2)));
    const notBundle = path.join(root, "not.bundle");
    fs.writeFileSync(notBundle, "<html>Sign in</html>\n");
    const thin = path.join(root, "thin.bundle");
    await git(source, ["bundle", "create", "--quiet", thin, "main~1..main"]);

    for (const [file, says] of [
      [notBundle, /not valid: .*(not a bundle|does not look like a v2 or v3 bundle)/i],
      [cut, /not valid: .*(pack|unexpected|early EOF|index-pack)/i],
      [thin, /not valid: .*(lacks these prerequisite commits|prerequisite)/i],
    ] as const) {
      const target = await createRepository(++lastId, { kind: "project" });
      const refused = await restoreFromBundle(target, file).catch((error: unknown) => error);
      expect(refused, file).toBeInstanceOf(BundleError);
      expect((refused as Error).message, file).toMatch(says);
      expect(await refsOf(target), file).toBe("");
    }
  });
});
