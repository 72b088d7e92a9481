import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { git, temporaryDirectory } from "@/test/helpers/git-client";
import { buildSampleRepository, type SampleRepository } from "./_test/sample-repository";
import { GitNotFoundError } from "./errors";
import { defaultBranch, isEmptyRepository, resolveRevision } from "./resolve";

const root = temporaryDirectory("ferry-read-resolve-");
let sample: SampleRepository;

beforeAll(async () => {
  sample = await buildSampleRepository(root);
});

async function notFound(promise: Promise<unknown>): Promise<GitNotFoundError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GitNotFoundError);
  return error as GitNotFoundError;
}

describe("resolveRevision", () => {
  it("resolves branches, tags (annotated ones to their commit), HEAD and full or short commit ids", async () => {
    const { repo, sha } = sample;
    expect(await resolveRevision(repo, "main")).toBe(sha.head);
    expect(await resolveRevision(repo, "HEAD")).toBe(sha.head);
    expect(await resolveRevision(repo, "refs/heads/feature/login")).toBe(sha.login);
    expect(await resolveRevision(repo, "feature/login")).toBe(sha.login);
    expect(await resolveRevision(repo, "v2.0")).toBe(sha.merge);
    expect(await resolveRevision(repo, "v1.0")).toBe(sha.files);
    expect(await resolveRevision(repo, sha.rename)).toBe(sha.rename);
    expect(await resolveRevision(repo, sha.rename.slice(0, 10).toUpperCase())).toBe(sha.rename);
  });

  it("is GitLab's 404 Commit Not Found for what names no commit", async () => {
    const { repo } = sample;
    const tree = await git(repo, ["rev-parse", "HEAD^{tree}"]);
    for (const rev of ["nope", "refs/heads/nope", "0".repeat(40), tree, "main~1", "HEAD@{1}", "--all", "-p"]) {
      expect((await notFound(resolveRevision(repo, rev))).message, rev).toBe("404 Commit Not Found");
    }
  });

  it("answers 404 Repository Not Found for a path that holds no repository", async () => {
    const error = await notFound(resolveRevision(path.join(root, "missing.git"), "main"));
    expect(error).toMatchObject({ message: "404 Repository Not Found", status: 404 });
  });
});

describe("defaultBranch and isEmptyRepository", () => {
  it("reads HEAD's branch, with or without commits, and null when HEAD is detached", async () => {
    expect(await defaultBranch(sample.repo)).toBe("main");
    const empty = path.join(root, "empty.git");
    await git(root, ["init", "--quiet", "--bare", "--initial-branch=trunk", empty]);
    expect(await defaultBranch(empty)).toBe("trunk");
    expect(await isEmptyRepository(empty)).toBe(true);
    expect(await isEmptyRepository(sample.repo)).toBe(false);

    const detached = path.join(root, "detached.git");
    await git(root, ["clone", "--quiet", "--bare", sample.repo, detached]);
    await git(detached, ["update-ref", "--no-deref", "HEAD", sample.sha.files]);
    expect(await defaultBranch(detached)).toBeNull();
  });

  it("calls a repository with tags but no branch empty, as GitLab does", async () => {
    const tagsOnly = path.join(root, "tags-only.git");
    await git(root, ["clone", "--quiet", "--bare", sample.repo, tagsOnly]);
    for (const ref of (await git(tagsOnly, ["for-each-ref", "--format=%(refname)", "refs/heads/"])).split("\n")) await git(tagsOnly, ["update-ref", "-d", ref]);
    expect(await git(tagsOnly, ["tag"])).toContain("v1.0");
    expect(await isEmptyRepository(tagsOnly)).toBe(true);
  });
});
