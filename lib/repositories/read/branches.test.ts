import { beforeAll, describe, expect, it } from "vitest";
import { git, temporaryDirectory } from "@/test/helpers/git-client";
import { buildSampleRepository, type SampleRepository } from "./_test/sample-repository";
import { aheadBehind, branch, listBranches } from "./branches";
import { getCommit } from "./commit-detail";

const root = temporaryDirectory("ferry-read-branches-");
let sample: SampleRepository;

beforeAll(async () => {
  sample = await buildSampleRepository(root);
});

const ALL = ["Feature/UPPER", "ahead", "alpha", "beta", "feature/login", "gamma", "main", "release/1.x"];

describe("listBranches", () => {
  it("lists branches by name with their commit, merged into the default branch, and which is the default", async () => {
    const { repo, sha } = sample;
    const page = await listBranches(repo, { perPage: 100 });
    expect(page.total).toBe(ALL.length);
    expect(page.branches.map((item) => item.name)).toEqual(ALL);
    const byName = Object.fromEntries(page.branches.map((item) => [item.name, item]));
    expect(byName.main).toEqual({ name: "main", commit: await getCommit(repo, sha.head, { stats: false }), merged: false, default: true });
    // Merged as GitLab says it: contained in the default branch and not at its very commit.
    expect(byName["feature/login"]).toMatchObject({ merged: true, default: false });
    expect(byName.alpha).toMatchObject({ merged: true, commit: expect.objectContaining({ id: sha.files }) });
    expect(byName.ahead).toMatchObject({ merged: false, commit: expect.objectContaining({ id: sha.ahead }) });
  });

  it("searches as GitLab does: prefix with ^, suffix with $, otherwise anywhere, any case", async () => {
    const names = async (search: string) => (await listBranches(sample.repo, { search, perPage: 100 })).branches.map((item) => item.name);
    expect(await names("^feat")).toEqual(["Feature/UPPER", "feature/login"]);
    expect(await names("a$")).toEqual(["alpha", "beta", "gamma"]);
    expect(await names("LOG")).toEqual(["feature/login"]);
    expect(await names("^main$")).toEqual(["main"]);
    expect(await names("nothing")).toEqual([]);
    expect((await listBranches(sample.repo, { search: "a$", perPage: 2, page: 2 })).total).toBe(3);
  });

  it("pages, counting all the matches, and sorts by the date of the last commit when asked", async () => {
    const pages = await Promise.all([1, 2, 3, 4].map((page) => listBranches(sample.repo, { page, perPage: 3 })));
    expect(pages.map((page) => page.branches.map((item) => item.name))).toEqual([ALL.slice(0, 3), ALL.slice(3, 6), ALL.slice(6), []]);
    expect(pages.every((page) => page.total === ALL.length)).toBe(true);
    const newest = await git(sample.repo, ["for-each-ref", "--sort=-committerdate", "--count=1", "--format=%(refname:short)", "refs/heads/"]);
    expect((await listBranches(sample.repo, { sort: "updated_desc", perPage: 1 })).branches[0]!.name).toBe(newest);
    const oldest = await git(sample.repo, ["for-each-ref", "--sort=committerdate", "--count=1", "--format=%(refname:short)", "refs/heads/"]);
    expect((await listBranches(sample.repo, { sort: "updated_asc", perPage: 1 })).branches[0]!.name).toBe(oldest);
  });

  it("marks nothing merged while the default branch has no commit", async () => {
    const unborn = `${root}/unborn.git`;
    await git(root, ["clone", "--quiet", "--bare", sample.repo, unborn]);
    await git(unborn, ["symbolic-ref", "HEAD", "refs/heads/not-yet"]);
    const page = await listBranches(unborn, { perPage: 100 });
    expect(page.branches.some((item) => item.merged || item.default)).toBe(false);
  });
});

describe("branch", () => {
  it("finds one branch by its exact name, or answers 404 Branch Not Found", async () => {
    const { repo, sha } = sample;
    expect(await branch(repo, "release/1.x")).toMatchObject({ name: "release/1.x", commit: { id: sha.files }, merged: true, default: false });
    expect(await branch(repo, "main")).toMatchObject({ default: true });
    for (const name of ["release", "Main", "nope", "-x", "main~1", "refs/heads/main"]) await expect(branch(repo, name), name).rejects.toThrow("404 Branch Not Found");
  });
});

describe("aheadBehind", () => {
  it("counts each branch's commits missing from the base and the base's missing from it", async () => {
    const { repo } = sample;
    const behind = Number(await git(repo, ["rev-list", "--count", "alpha..main"]));
    expect(await aheadBehind(repo, "main", ["ahead", "alpha", "missing", "-x", "main"])).toEqual([
      { name: "ahead", ahead: 1, behind: 0 },
      { name: "alpha", ahead: 0, behind },
      { name: "main", ahead: 0, behind: 0 },
    ]);
    expect(await aheadBehind(repo, "alpha", ["ahead"])).toEqual([{ name: "ahead", ahead: behind + 1, behind: 0 }]);
    await expect(aheadBehind(repo, "nope", ["main"])).rejects.toThrow("404 Ref Not Found");
    expect(await aheadBehind(repo, "main", [])).toEqual([]);
  });
});
