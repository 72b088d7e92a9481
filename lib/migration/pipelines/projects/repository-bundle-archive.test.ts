import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { file, packOf, tarOf } from "@/lib/archive/test-archives";
import { createBundle, createRepository } from "@/lib/repositories";
import { commitFiles, git, newWorktree, temporaryDirectory } from "@/test/helpers/git-client";
import { restoreRepositoryArchive } from "./repository-bundle-archive";

const root = temporaryDirectory("ferry-bundle-archive-");
process.env.FERRY_DATA_DIR = path.join(root, "data");
const workDirectory = path.join(root, "work");
const options = { maxBytes: 64 * 1024 * 1024, workDirectory };
const refsOf = (repo: string) => git(repo, ["for-each-ref", "--format=%(objectname) %(refname)"]);
let lastId = 0;
let source: string;
let bundle: Buffer;

beforeAll(async () => {
  source = await createRepository(++lastId, { kind: "project" });
  const worktree = await newWorktree(root, "source");
  await commitFiles(worktree, { "src/app.ts": "export const app = 1;\n" }, "Add the app");
  await git(worktree, ["tag", "v1.0"]);
  await git(worktree, ["push", "--quiet", source, "main", "v1.0", "main:refs/merge-requests/7/head"]);
  const bundleFile = path.join(root, "source.bundle");
  await createBundle(source, bundleFile);
  bundle = fs.readFileSync(bundleFile);
});

const archive = async (entries: Parameters<typeof tarOf>[0]) => Readable.from([gzipSync(await tarOf(entries))]);
const restoreInto = async (body: Readable) => {
  const repo = await createRepository(++lastId, { kind: "project" });
  return { repo, result: await restoreRepositoryArchive(body, repo, options).catch((error: unknown) => error as Error) };
};

describe("restoreRepositoryArchive", () => {
  it("restores repository.tar.gz as GitLab's tar writes it (./repository.bundle after ./) into an identical repository", async () => {
    const body = Readable.from([gzipSync(await packOf([{ header: { name: "./", type: "directory" } }, { header: { name: "./repository.bundle", size: bundle.length }, data: bundle }]))]);
    const { repo, result } = await restoreInto(body);
    expect(result).toEqual({ refs: 3, head: "main" });
    expect(await refsOf(repo)).toBe(await refsOf(source));
    expect(fs.readdirSync(workDirectory)).toEqual([]);
  });

  it("takes an archive without a bundle as an empty source repository", async () => {
    const { repo, result } = await restoreInto(await archive([]));
    expect(result).toEqual({ refs: 0, head: null });
    expect(await refsOf(repo)).toBe("");
  });

  it("refuses links, other paths, two bundles, non-gzip, oversize and broken bundles with a reason, writing no ref", async () => {
    const cases: [string, Readable, RegExp][] = [
      ["a symlink", Readable.from([gzipSync(await packOf([{ header: { name: "repository.bundle", type: "symlink", linkname: "/etc/passwd" } }]))]), /"repository.bundle" \(symlink\): only repository.bundle/],
      ["a path outside", await archive([file("../repository.bundle", bundle)]), /"..\/repository.bundle".*only repository.bundle/],
      ["another file", await archive([file("repository.bundle", bundle), file("hooks/post-receive", Buffer.from("#!/bin/sh\n"))]), /"hooks\/post-receive"/],
      ["two bundles", await archive([file("repository.bundle", bundle), file("./repository.bundle", bundle)]), /twice/],
      ["not gzip", Readable.from([await tarOf([file("repository.bundle", bundle)])]), /cannot be read: .*gzip/],
      ["a broken bundle", await archive([file("repository.bundle", bundle.subarray(0, 200))]), /bundle is not valid/],
    ];
    for (const [what, body, says] of cases) {
      const { repo, result } = await restoreInto(body);
      expect(result, what).toBeInstanceOf(Error);
      expect((result as Error).message, what).toMatch(says);
      expect(await refsOf(repo), what).toBe("");
    }
    const tooLarge = await restoreRepositoryArchive(await archive([file("repository.bundle", bundle)]), await createRepository(++lastId, { kind: "project" }), { ...options, maxBytes: 1024 }).catch((error: Error) => error);
    expect((tooLarge as Error).message).toMatch(/cannot be read: .*larger than/);
    expect(fs.readdirSync(workDirectory)).toEqual([]);
  });
});
