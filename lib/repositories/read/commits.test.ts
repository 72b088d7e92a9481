import { beforeAll, describe, expect, it } from "vitest";
import { git, temporaryDirectory } from "@/test/helpers/git-client";
import { buildSampleRepository, type SampleRepository } from "./_test/sample-repository";
import { getCommit } from "./commit-detail";
import { commitRefs } from "./commit-refs";
import { lastCommitFor, listCommits } from "./commits";
import { gitlabDate } from "./dates";

const root = temporaryDirectory("ferry-read-commits-");
let sample: SampleRepository;

beforeAll(async () => {
  sample = await buildSampleRepository(root);
});

const ids = (commits: { id: string }[]) => commits.map((commit) => commit.id);
const gitIds = async (args: string[]) => (await git(sample.repo, ["log", "--format=%H", ...args])).split("\n").filter(Boolean);

describe("getCommit", () => {
  it("answers GitLab's commit shape: dates in their own zone with milliseconds, raw message, first line as title", async () => {
    const { repo, sha } = sample;
    const committed = gitlabDate(await git(repo, ["log", "-1", "--format=%cI", sha.executable]));
    expect(await getCommit(repo, sha.executable)).toEqual({
      id: sha.executable,
      short_id: sha.executable.slice(0, 8),
      created_at: committed,
      parent_ids: [sha.files],
      title: "Make run.sh executable and link the app",
      message: "Make run.sh executable and link the app\n",
      author_name: "Ada Lovelace",
      author_email: "ada@example.com",
      authored_date: "2012-09-20T09:06:12.000+03:00",
      committer_name: "Ada Lovelace",
      committer_email: "ada@example.com",
      committed_date: committed,
      // The link's one line; a mode change adds no line.
      stats: { additions: 1, deletions: 0, total: 1 },
    });
    expect(committed).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000[+-]\d\d:\d\d$/);
    const withBody = await getCommit(repo, sha.files, { stats: false });
    expect(withBody).toMatchObject({ title: "Add sources and docs", message: "Add sources and docs\n\nWith a body line.\n" });
    expect(withBody).not.toHaveProperty("stats");
  });

  it("counts stats against the first parent, renames as changes, binary files as nothing", async () => {
    const { repo, sha } = sample;
    expect((await getCommit(repo, sha.rename)).stats).toEqual({ additions: 1, deletions: 0, total: 1 });
    expect((await getCommit(repo, sha.binary)).stats).toEqual({ additions: 0, deletions: 0, total: 0 });
    const merge = await getCommit(repo, sha.merge);
    expect(merge.parent_ids).toEqual([await git(repo, ["rev-parse", `${sha.merge}^1`]), sha.login]);
    expect(merge.stats).toEqual({ additions: 1, deletions: 0, total: 1 });
    // A root commit against nothing: README.md's one line.
    expect((await getCommit(repo, sha.initial)).stats).toEqual({ additions: 1, deletions: 0, total: 1 });
  });

  it("takes branch and tag names, and answers 404 Commit Not Found otherwise", async () => {
    const { repo, sha } = sample;
    expect((await getCommit(repo, "feature/login")).id).toBe(sha.login);
    expect((await getCommit(repo, "v2.0")).id).toBe(sha.merge);
    for (const rev of ["nope", "f".repeat(40), "main^", "HEAD@{1}", "--output=/tmp/x"]) await expect(getCommit(repo, rev), rev).rejects.toThrow("404 Commit Not Found");
  });
});

describe("listCommits", () => {
  it("pages main's history as git log orders it, one commit more asked to know of a next page", async () => {
    const all = await gitIds(["main"]);
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const result = await listCommits(sample.repo, { ref: "main", page, perPage: 3 });
      seen.push(...ids(result.commits));
      expect(result.hasMore).toBe(seen.length < all.length);
      if (!result.hasMore) break;
    }
    expect(seen).toEqual(all);
    expect(await listCommits(sample.repo, { ref: "main", page: 100, perPage: 3 })).toEqual({ commits: [], hasMore: false });
    const first = (await listCommits(sample.repo)).commits[0]!;
    expect(first).toEqual(await getCommit(sample.repo, sample.sha.head, { stats: false }));
  });

  it("filters by path, dates, author, first parent, and lists all refs with `all`", async () => {
    const { repo, sha } = sample;
    expect(ids((await listCommits(repo, { path: "docs/manual.md" })).commits)).toEqual([sha.rename]);
    expect(ids((await listCommits(repo, { path: "-p" })).commits)).toEqual([sha.files]);
    expect(ids((await listCommits(repo, { path: "src/lib" })).commits)).toEqual([sha.files]);
    expect((await listCommits(repo, { until: new Date("2000-01-01T00:00:00Z") })).commits).toEqual([]);
    expect(ids((await listCommits(repo, { since: new Date("2000-01-01T00:00:00Z"), perPage: 100 })).commits)).toEqual(await gitIds(["main"]));
    expect((await listCommits(repo, { author: "Nobody" })).commits).toEqual([]);
    expect((await listCommits(repo, { author: "ada@", perPage: 100 })).commits).toHaveLength((await gitIds(["main"])).length);
    const firstParent = ids((await listCommits(repo, { firstParent: true, perPage: 100 })).commits);
    expect(firstParent).toEqual(await gitIds(["--first-parent", "main"]));
    expect(firstParent).not.toContain(sha.login);
    const all = ids((await listCommits(repo, { all: true, perPage: 100 })).commits);
    expect(all).toContain(sha.ahead);
    expect(all.sort()).toEqual((await gitIds(["--all"])).sort());
    expect(ids((await listCommits(repo, { order: "topo", perPage: 100 })).commits)).toEqual(await gitIds(["--topo-order", "main"]));
  });

  it("counts a plain ref's commits when asked", async () => {
    const count = Number(await git(sample.repo, ["rev-list", "--count", "main"]));
    expect((await listCommits(sample.repo, { ref: "main", perPage: 2, withTotal: true })).total).toBe(count);
    expect((await listCommits(sample.repo, { ref: "main", path: "src", withTotal: true })).total).toBeUndefined();
  });

  it("lists nothing for a ref that does not exist or cannot, or a path that cannot, as GitLab does", async () => {
    for (const ref of ["nope", "--all", "-p", "main..ahead"]) expect(await listCommits(sample.repo, { ref }), ref).toEqual({ commits: [], hasMore: false });
    expect(await listCommits(sample.repo, { path: "../etc/passwd" })).toEqual({ commits: [], hasMore: false });
  });
});

describe("commitRefs", () => {
  it("lists the branches then the tags that contain a commit, by scope and bounded", async () => {
    const { repo, sha } = sample;
    const branches = (await git(repo, ["branch", "--format=%(refname:short)", "--contains", sha.files])).split("\n").sort();
    const tags = (await git(repo, ["tag", "--contains", sha.files])).split("\n").sort();
    const all = await commitRefs(repo, sha.files);
    expect(all.truncated).toBe(false);
    expect(all.refs).toEqual([...branches.map((name) => ({ type: "branch", name })), ...tags.map((name) => ({ type: "tag", name }))]);
    expect(all.refs).toContainEqual({ type: "branch", name: "feature/login" });
    expect((await commitRefs(repo, sha.files, "tag")).refs).toEqual(tags.map((name) => ({ type: "tag", name })));
    expect((await commitRefs(repo, sha.ahead, "all")).refs).toEqual([{ type: "branch", name: "ahead" }]);
    const bounded = await commitRefs(repo, sha.files, "branch", { limit: 2 });
    expect(bounded).toEqual({ refs: branches.slice(0, 2).map((name) => ({ type: "branch", name })), truncated: true });
    await expect(commitRefs(repo, "nope")).rejects.toThrow("404 Commit Not Found");
  });
});

describe("lastCommitFor", () => {
  it("finds the commit that last changed a file or directory at a ref, or null", async () => {
    const { repo, sha } = sample;
    expect((await lastCommitFor(repo, "main", "docs/manual.md"))?.id).toBe(sha.rename);
    expect((await lastCommitFor(repo, "main", "src"))?.id).toBe(await git(repo, ["log", "-1", "--format=%H", "main", "--", "src"]));
    expect((await lastCommitFor(repo, sha.files, "src/app.ts"))?.id).toBe(sha.files);
    expect((await lastCommitFor(repo, "main", ""))?.id).toBe(sha.head);
    expect(await lastCommitFor(repo, "main", "nope")).toBeNull();
    expect(await lastCommitFor(repo, "main", "../x")).toBeNull();
    await expect(lastCommitFor(repo, "nope", "src")).rejects.toThrow("404 Commit Not Found");
  });
});
