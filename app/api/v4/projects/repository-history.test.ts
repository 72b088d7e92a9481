import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ACCESS_LEVELS, getDb, groupMembers } from "@/lib/db";
import { createProject } from "@/lib/projects";
import { call, tokenFor } from "@/test/helpers/api";
import { documentedExamples, shapeProblems, type Json } from "@/test/helpers/api-shapes";
import { makeUser, unique } from "@/test/helpers/factories";
import { git, temporaryDirectory } from "@/test/helpers/git-client";
import { repositoryProject, TRAILER_MESSAGE, type RepositoryProject } from "@/test/helpers/repository-project";
import { GET as getBranch, HEAD as headBranch } from "./[id]/repository/branches/[branch]/route";
import { GET as getBranches } from "./[id]/repository/branches/route";
import { GET as getCommitDiff } from "./[id]/repository/commits/[sha]/diff/route";
import { GET as getCommitRefs } from "./[id]/repository/commits/[sha]/refs/route";
import { GET as getCommit } from "./[id]/repository/commits/[sha]/route";
import { GET as getCommits } from "./[id]/repository/commits/route";
import { GET as getCompare } from "./[id]/repository/compare/route";
import { GET as getTag } from "./[id]/repository/tags/[tag_name]/route";
import { GET as getTags } from "./[id]/repository/tags/route";

type Route = (request: Request, context: { params: Promise<Record<string, string | string[] | undefined>> }) => Promise<Response>;
const BASE = "http://ferry.test";

const DOC = documentedExamples("repository.from_doc.json");

const root = temporaryDirectory("ferry-api-history-");
let sample: RepositoryProject;
let api: (route: Route, tail: string, token?: string | null) => ReturnType<typeof call>;
let developerToken: string;
let projectUrl: string;

beforeAll(async () => {
  sample = await repositoryProject(root);
  // A branch the default branch has gone past: merged, in GitLab's sense.
  await git(root, [`--git-dir=${sample.repo}`, "branch", "merged", sample.sha.files]);
  api = (route, tail, token = sample.token) => call(route, `/api/v4/projects/${sample.project.id}/${tail}`, { token: token ?? undefined });
  const developer = await makeUser();
  await getDb().insert(groupMembers).values({ groupId: sample.group.id, userId: developer.id, accessLevel: ACCESS_LEVELS.developer });
  developerToken = await tokenFor(developer.id);
  projectUrl = `${BASE}/${sample.project.fullPath}`;
});

const ids = (body: unknown) => (body as Json[]).map((item) => item.id);
const gitOut = (args: string[]) => git(sample.worktree, args);

describe("GET /projects/:id/repository/commits", () => {
  it("lists the default branch's history newest first in GitLab's shape, without counting it", async () => {
    const first = await api(getCommits, "repository/commits?per_page=2");
    expect(first.status).toBe(200);
    expect(ids(first.body)).toEqual([sample.sha.trailers, sample.sha.executable]);
    const [newest, older] = first.body as Json[];
    expect(shapeProblems(newest!, DOC["GET /projects/:id/repository/commits (first item)"]!)).toEqual([]);
    expect(newest).toMatchObject({
      id: sample.sha.trailers,
      short_id: sample.sha.trailers.slice(0, 8),
      title: "Fix the app",
      message: TRAILER_MESSAGE,
      parent_ids: [sample.sha.executable],
      author_name: "Ada Lovelace",
      author_email: "ada@example.com",
      trailers: {},
      extended_trailers: {},
      web_url: `${projectUrl}/-/commit/${sample.sha.trailers}`,
    });
    expect(newest!.created_at).toBe(newest!.committed_date);
    expect(older!.authored_date).toBe("2012-09-20T09:06:12.000+03:00");
    // GitLab's commits listing sends no x-total, x-total-pages nor a `last` link.
    expect([first.headers.get("x-total"), first.headers.get("x-total-pages"), first.headers.get("x-page"), first.headers.get("x-per-page"), first.headers.get("x-next-page"), first.headers.get("x-prev-page")]).toEqual([null, null, "1", "2", "2", ""]);
    const link = first.headers.get("link")!;
    expect(link).toContain(`<${BASE}/api/v4/projects/${sample.project.id}/repository/commits?per_page=2&page=2>; rel="next"`);
    expect(link).toContain('rel="first"');
    expect(link).not.toContain('rel="last"');
    const second = await api(getCommits, "repository/commits?per_page=2&page=2");
    expect(ids(second.body)).toEqual([sample.sha.files, sample.sha.initial]);
    expect([second.headers.get("x-next-page"), second.headers.get("x-prev-page")]).toEqual(["", "1"]);
    expect(second.headers.get("link")).toContain('rel="prev"');
  });

  it("filters by ref_name (a branch with a slash), path, all, dates, author, first_parent and order", async () => {
    expect(ids((await api(getCommits, "repository/commits?ref_name=feature%2Fx&per_page=1")).body)).toEqual([sample.sha.feature]);
    expect(ids((await api(getCommits, "repository/commits?ref_name=v1.0")).body)).toEqual([sample.sha.files, sample.sha.initial]);
    expect(ids((await api(getCommits, "repository/commits?path=files/ruby/")).body)).toEqual([sample.sha.trailers, sample.sha.files]);
    expect(ids((await api(getCommits, "repository/commits?path=feature.txt&ref_name=feature/x")).body)).toEqual([sample.sha.feature]);
    expect(ids((await api(getCommits, "repository/commits?all=true")).body)).toContain(sample.sha.feature);
    expect(ids((await api(getCommits, "repository/commits?all=true&ref_name=nowhere")).body)).toContain(sample.sha.feature);
    expect(await api(getCommits, "repository/commits?since=2090-01-01T00:00:00Z")).toMatchObject({ status: 200, body: [] });
    expect(ids((await api(getCommits, "repository/commits?until=2090-01-01T00:00:00Z&first_parent=true&order=topo")).body)).toHaveLength(4);
    expect(ids((await api(getCommits, "repository/commits?author=Ada")).body)).toHaveLength(4);
    expect(await api(getCommits, "repository/commits?author=Nobody")).toMatchObject({ status: 200, body: [] });
  });

  it("adds stats with with_stats and parses trailers with trailers=true", async () => {
    const listed = (await api(getCommits, "repository/commits?with_stats=true&trailers=true&per_page=2")).body as Json[];
    expect(listed[0]).toMatchObject({
      stats: { additions: 1, deletions: 0, total: 1 },
      trailers: { Cc: "Jane Doe <jane@example.com>" },
      extended_trailers: { Cc: ["John Doe <john@example.com>", "Jane Doe <jane@example.com>"] },
    });
    const numstat = (await gitOut(["show", "--numstat", "--format=", sample.sha.executable])).split("\n");
    const additions = numstat.reduce((sum, line) => sum + (Number(line.split("\t")[0]) || 0), 0);
    expect(listed[1]).toMatchObject({ stats: { additions, deletions: 0, total: additions }, trailers: {} });
    expect(listed[0]).not.toHaveProperty("status");
  });

  it("answers an unknown ref with nothing, an option-like one with GitLab's 400, and bad parameters with 400s", async () => {
    const target = path.join(root, "injected-log");
    expect(await api(getCommits, "repository/commits?ref_name=nowhere")).toMatchObject({ status: 200, body: [] });
    expect(await api(getCommits, `repository/commits?ref_name=${encodeURIComponent(`--output=${target}`)}`)).toMatchObject({ status: 400, body: { message: "ref_name is invalid" } });
    expect(await api(getCommits, `repository/commits?path=${encodeURIComponent(`--output=${target}`)}`)).toMatchObject({ status: 200, body: [] });
    expect(await api(getCommits, "repository/commits?path=../..")).toMatchObject({ status: 200, body: [] });
    expect(fs.existsSync(target)).toBe(false);
    expect(await api(getCommits, "repository/commits?since=yesterday&order=random&with_stats=maybe")).toMatchObject({
      status: 400,
      body: { error: "since is invalid, with_stats is invalid, order does not have a valid value" },
    });
  });
});

describe("GET /projects/:id/repository/commits/:sha", () => {
  it("answers Entities::CommitDetail: stats, trailers, no pipeline", async () => {
    const commit = await api(getCommit, `repository/commits/${sample.sha.trailers}`);
    expect(commit.status).toBe(200);
    expect(shapeProblems(commit.body as Json, DOC["GET /projects/:id/repository/commits/:sha"]!)).toEqual([]);
    expect(commit.body).toMatchObject({
      id: sample.sha.trailers,
      stats: { additions: 1, deletions: 0, total: 1 },
      status: null,
      project_id: sample.project.id,
      last_pipeline: null,
      trailers: { Cc: "Jane Doe <jane@example.com>" },
      web_url: `${projectUrl}/-/commit/${sample.sha.trailers}`,
    });
    expect(await api(getCommit, `repository/commits/${sample.sha.trailers}?stats=false`)).toEqual(expect.objectContaining({ body: expect.not.objectContaining({ stats: expect.anything() }) }));
  });

  it("takes a branch (URL-encoded), an annotated tag or a short id, and answers 404 Commit Not Found otherwise", async () => {
    expect(await api(getCommit, "repository/commits/feature%2Fx")).toMatchObject({ status: 200, body: { id: sample.sha.feature } });
    expect(await api(getCommit, "repository/commits/release%2F1.1")).toMatchObject({ status: 200, body: { id: sample.sha.trailers } });
    expect(await api(getCommit, `repository/commits/${sample.sha.files.slice(0, 10)}`)).toMatchObject({ status: 200, body: { id: sample.sha.files } });
    for (const sha of ["nowhere", "0".repeat(40), "--output=x", "main~1"]) {
      expect(await api(getCommit, `repository/commits/${encodeURIComponent(sha)}`), sha).toMatchObject({ status: 404, body: { message: "404 Commit Not Found" } });
    }
    expect(await api(getCommit, "repository/commits/main?stats=maybe")).toMatchObject({ status: 400, body: { error: "stats is invalid" } });
  });
});

describe("GET /projects/:id/repository/commits/:sha/diff", () => {
  it("answers the commit's changes in GitLab's shape, paginated, with unidiff headers on request", async () => {
    const diff = await api(getCommitDiff, `repository/commits/${sample.sha.trailers}/diff`);
    expect(diff.status).toBe(200);
    const [file] = diff.body as Json[];
    expect(shapeProblems(file!, DOC["GET /projects/:id/repository/commits/:sha/diff (first item)"]!)).toEqual([]);
    expect(file).toEqual({
      diff: "@@ -1 +1,2 @@\n puts 'app'\n+puts 'fixed'\n",
      collapsed: false,
      too_large: false,
      new_path: "files/ruby/app.rb",
      old_path: "files/ruby/app.rb",
      a_mode: "100644",
      b_mode: "100644",
      new_file: false,
      renamed_file: false,
      deleted_file: false,
      generated_file: false,
    });
    const unified = await api(getCommitDiff, `repository/commits/${sample.sha.trailers}/diff?unidiff=true`);
    expect((unified.body as Json[])[0]!.diff).toBe("--- a/files/ruby/app.rb\n+++ b/files/ruby/app.rb\n@@ -1 +1,2 @@\n puts 'app'\n+puts 'fixed'\n");

    const paged = await api(getCommitDiff, `repository/commits/${sample.sha.files}/diff?per_page=2&page=2`);
    expect([paged.headers.get("x-total"), paged.headers.get("x-total-pages"), (paged.body as Json[]).length]).toEqual(["5", "3", 2]);
    const root = await api(getCommitDiff, `repository/commits/${sample.sha.initial}/diff`);
    expect(root.body).toEqual([expect.objectContaining({ new_path: "README.md", new_file: true, a_mode: "0", b_mode: "100644" })]);
    expect(await api(getCommitDiff, "repository/commits/nowhere/diff")).toMatchObject({ status: 404, body: { message: "404 Commit Not Found" } });
  });
});

describe("GET /projects/:id/repository/commits/:sha/refs", () => {
  it("lists the branches, then the tags, that contain a commit, paged without a count", async () => {
    const all = await api(getCommitRefs, `repository/commits/${sample.sha.files}/refs`);
    expect(shapeProblems((all.body as Json[])[0]!, DOC["GET /projects/:id/repository/commits/:sha/refs (first item)"]!)).toEqual([]);
    expect(all.body).toEqual([
      { type: "branch", name: "feature/x" },
      { type: "branch", name: "main" },
      { type: "branch", name: "merged" },
      { type: "tag", name: "release/1.1" },
      { type: "tag", name: "v1.0" },
    ]);
    expect(await api(getCommitRefs, `repository/commits/${sample.sha.trailers}/refs?type=tag`)).toMatchObject({ body: [{ type: "tag", name: "release/1.1" }] });
    expect(await api(getCommitRefs, `repository/commits/${sample.sha.feature}/refs?type=branch`)).toMatchObject({ body: [{ type: "branch", name: "feature/x" }] });
    const paged = await api(getCommitRefs, `repository/commits/${sample.sha.files}/refs?per_page=2&page=2`);
    expect(paged.body).toEqual([
      { type: "branch", name: "merged" },
      { type: "tag", name: "release/1.1" },
    ]);
    expect([paged.headers.get("x-total"), paged.headers.get("x-next-page"), paged.headers.get("x-prev-page")]).toEqual([null, "3", "1"]);
    expect(await api(getCommitRefs, `repository/commits/${sample.sha.files}/refs?type=everything`)).toMatchObject({ status: 400, body: { error: "type does not have a valid value" } });
    expect(await api(getCommitRefs, "repository/commits/nowhere/refs")).toMatchObject({ status: 404, body: { message: "404 Commit Not Found" } });
  });
});

describe("GET /projects/:id/repository/compare", () => {
  it("compares from the merge base: the commits `to` adds, oldest first, and their diff, in GitLab's shape", async () => {
    const compared = await api(getCompare, "repository/compare?from=v1.0&to=feature%2Fx");
    expect(compared.status).toBe(200);
    const body = compared.body as Json;
    expect(shapeProblems(body, DOC["GET /projects/:id/repository/compare"]!)).toEqual([]);
    expect(ids(body.commits)).toEqual([sample.sha.executable, sample.sha.trailers, sample.sha.feature]);
    expect((body.commit as Json).id).toBe(sample.sha.feature);
    expect((body.diffs as Json[]).map((file) => file.new_path)).toEqual(["bin/run.sh", "data.bin", "feature.txt", "files/ruby/app.rb", "image.png"]);
    expect(body).toMatchObject({ compare_timeout: false, compare_same_ref: false, web_url: `${projectUrl}/-/compare/${sample.sha.files}...${sample.sha.feature}` });
  });

  it("compares straight when asked, tells the same ref, and unifies diffs on request", async () => {
    const based = (await api(getCompare, "repository/compare?from=feature/x&to=main")).body as Json;
    expect([based.commits, based.diffs, based.commit]).toEqual([[], [], null]);
    const straight = (await api(getCompare, "repository/compare?from=feature/x&to=main&straight=true&unidiff=1")).body as Json;
    expect((straight.diffs as Json[]).map((file) => [file.new_path, file.deleted_file])).toEqual([
      ["feature.txt", true],
      ["files/ruby/app.rb", false],
    ]);
    expect((straight.diffs as Json[])[0]!.diff).toMatch(/^--- a\/feature\.txt\n\+\+\+ \/dev\/null\n@@/);
    expect(await api(getCompare, "repository/compare?from=main&to=main")).toMatchObject({ status: 200, body: { commit: null, commits: [], diffs: [], compare_same_ref: true } });
  });

  it("answers GitLab's 400s and 404s, and runs no option-like ref", async () => {
    const target = path.join(root, "injected-compare");
    expect(await api(getCompare, "repository/compare")).toMatchObject({ status: 400, body: { error: "from is missing, to is missing" } });
    expect(await api(getCompare, "repository/compare?from=main&to=nowhere")).toMatchObject({ status: 404, body: { message: "404 Ref Not Found" } });
    expect(await api(getCompare, `repository/compare?from=${encodeURIComponent(`--output=${target}`)}&to=main`)).toMatchObject({ status: 404, body: { message: "404 Ref Not Found" } });
    expect(fs.existsSync(target)).toBe(false);
    expect(await api(getCompare, "repository/compare?from=main&to=main&from_project_id=999999")).toMatchObject({
      status: 400,
      body: { message: `Target project id:999999 is not a fork of project id:${sample.project.id}` },
    });
    expect(await api(getCompare, `repository/compare?from=main&to=main&from_project_id=${sample.project.id}`)).toMatchObject({ status: 200 });
  });
});

describe("GET /projects/:id/repository/branches", () => {
  it("lists branches by name in GitLab's shape: default, protected, merged, what the caller may do", async () => {
    const listed = await api(getBranches, "repository/branches");
    expect(listed.status).toBe(200);
    const branches = listed.body as Json[];
    expect(branches.map((branch) => branch.name)).toEqual(["feature/x", "main", "merged"]);
    const byName = Object.fromEntries(branches.map((branch) => [branch.name, branch]));
    expect(shapeProblems(byName.main!, DOC["GET /projects/:id/repository/branches (first item)"]!)).toEqual([]);
    expect(byName.main).toMatchObject({ name: "main", default: true, protected: true, merged: false, developers_can_push: false, developers_can_merge: false, can_push: true, web_url: `${projectUrl}/-/tree/main` });
    expect((byName.main!.commit as Json).id).toBe(sample.sha.trailers);
    expect(byName["feature/x"]).toMatchObject({ default: false, protected: false, merged: false, can_push: true, web_url: `${projectUrl}/-/tree/feature/x` });
    expect(byName.merged).toMatchObject({ merged: true, commit: { id: sample.sha.files } });
    expect([listed.headers.get("x-total"), listed.headers.get("x-total-pages")]).toEqual(["3", "1"]);
  });

  it("searches, sorts and pages as GitLab does", async () => {
    const names = async (query: string) => ((await api(getBranches, `repository/branches?${query}`)).body as Json[]).map((branch) => branch.name);
    expect(await names("search=^feat")).toEqual(["feature/x"]);
    expect(await names("search=MAIN")).toEqual(["main"]);
    expect(await names("search=ed$")).toEqual(["merged"]);
    expect(await names("search=nothing")).toEqual([]);
    // Committer dates of commits made within a second tie: only the set is certain.
    expect((await names("sort=updated_desc")).sort()).toEqual(["feature/x", "main", "merged"]);
    const paged = await api(getBranches, "repository/branches?per_page=1&page=2");
    expect([(paged.body as Json[])[0]!.name, paged.headers.get("x-total"), paged.headers.get("x-next-page"), paged.headers.get("x-prev-page")]).toEqual(["main", "3", "3", "1"]);
  });

  it("shows a Developer that the protected default branch is not theirs to push", async () => {
    const branches = (await api(getBranches, "repository/branches", developerToken)).body as Json[];
    expect(branches.map((branch) => [branch.name, branch.can_push])).toEqual([
      ["feature/x", true],
      ["main", false],
      ["merged", true],
    ]);
  });

  it("lists none for an empty repository", async () => {
    const empty = await createProject(sample.owner, { name: unique("Empty"), namespaceId: sample.group.id });
    const listed = await call(getBranches, `/api/v4/projects/${empty.id}/repository/branches`, { token: sample.token });
    expect([listed.status, listed.body, listed.headers.get("x-total")]).toEqual([200, [], "0"]);
  });
});

describe("GET and HEAD /projects/:id/repository/branches/:branch", () => {
  it("answers one branch by its URL-encoded name; 404, 400 and HEAD as GitLab", async () => {
    expect(await api(getBranch, "repository/branches/feature%2Fx")).toMatchObject({ status: 200, body: { name: "feature/x", commit: { id: sample.sha.feature } } });
    expect(await api(getBranch, "repository/branches/nowhere")).toMatchObject({ status: 404, body: { message: "404 Branch Not Found" } });
    expect(await api(getBranch, "repository/branches/a..b")).toMatchObject({ status: 400, body: { message: "The branch refname is invalid" } });
    expect(await api(getBranch, "repository/branches/--output%3Dx")).toMatchObject({ status: 400, body: { message: "The branch refname is invalid" } });
    const head = (name: string) => headBranch(new Request(`${BASE}/api/v4/projects/${sample.project.id}/repository/branches/${name}`, { method: "HEAD", headers: { "private-token": sample.token } }), { params: Promise.resolve({}) });
    expect((await head("feature%2Fx")).status).toBe(204);
    expect((await head("nowhere")).status).toBe(404);
    expect((await head("a..b")).status).toBe(404);
  });
});

describe("GET /projects/:id/repository/tags", () => {
  it("lists tags in GitLab's shape: an annotated tag's message, object and date; a lightweight one's commit", async () => {
    const listed = await api(getTags, "repository/tags?order_by=name&sort=asc");
    expect(listed.status).toBe(200);
    const [annotated, lightweight] = listed.body as Json[];
    expect(shapeProblems(annotated!, DOC["GET /projects/:id/repository/tags (first item)"]!)).toEqual([]);
    expect(annotated).toMatchObject({
      name: "release/1.1",
      message: "Release 1.1\n\nThe second release.",
      target: await gitOut(["rev-parse", "refs/tags/release/1.1"]),
      commit: { id: sample.sha.trailers, web_url: `${projectUrl}/-/commit/${sample.sha.trailers}` },
      release: null,
      protected: false,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000[+-]\d\d:\d\d$/),
    });
    expect(lightweight).toMatchObject({ name: "v1.0", message: null, target: sample.sha.files, commit: { id: sample.sha.files }, created_at: null });
    expect(listed.headers.get("x-total")).toBe("2");
  });

  it("orders, searches and refuses bad choices as GitLab does", async () => {
    const names = async (query: string) => ((await api(getTags, `repository/tags?${query}`)).body as Json[]).map((tag) => tag.name);
    expect(await names("order_by=name&sort=desc")).toEqual(["v1.0", "release/1.1"]);
    expect((await names("")).sort()).toEqual(["release/1.1", "v1.0"]);
    expect(await names("search=^v")).toEqual(["v1.0"]);
    expect(await api(getTags, "repository/tags?order_by=date&sort=up")).toMatchObject({ status: 400, body: { error: "order_by does not have a valid value, sort does not have a valid value" } });
    const empty = await createProject(sample.owner, { name: unique("Empty"), namespaceId: sample.group.id });
    expect(await call(getTags, `/api/v4/projects/${empty.id}/repository/tags`, { token: sample.token })).toMatchObject({ status: 200, body: [] });
  });

  it("answers one tag by its URL-encoded name, or 404 Tag Not Found", async () => {
    expect(await api(getTag, "repository/tags/release%2F1.1")).toMatchObject({ status: 200, body: { name: "release/1.1", commit: { id: sample.sha.trailers } } });
    for (const name of ["nowhere", "--output%3Dx", "a..b"]) {
      expect(await api(getTag, `repository/tags/${name}`), name).toMatchObject({ status: 404, body: { message: "404 Tag Not Found" } });
    }
  });

  it("refuses a Guest (403) and hides the project from strangers (404)", async () => {
    const guest = await makeUser();
    await getDb().insert(groupMembers).values({ groupId: sample.group.id, userId: guest.id, accessLevel: ACCESS_LEVELS.guest });
    const guestToken = await tokenFor(guest.id);
    for (const [route, tail] of [
      [getTags, "repository/tags"],
      [getBranches, "repository/branches"],
      [getCommits, "repository/commits"],
      [getCompare, "repository/compare?from=main&to=main"],
    ] as const) {
      expect(await api(route, tail, guestToken), tail).toMatchObject({ status: 403, body: { message: "403 Forbidden" } });
      expect(await api(route, tail, null), tail).toMatchObject({ status: 404, body: { message: "404 Project Not Found" } });
    }
  });
});
