import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SourceClient, type Resolver } from "@/lib/gitlab";
import { commitFiles, git, newWorktree, temporaryDirectory } from "@/test/helpers/git-client";
import { runGitHttpServer } from "@/test/helpers/git-http-server";
import { fetchMirror, MirrorError } from "./remote-mirror";
import { createRepository } from "./storage";

const root = temporaryDirectory("ferry-mirror-");
process.env.FERRY_DATA_DIR = path.join(root, "data");
const served = runGitHttpServer();
let lastId = 0;
const TOKEN = "glpat-mirror-secret";
const refsOf = (repo: string) => git(repo, ["for-each-ref", "--format=%(objectname) %(objecttype) %(refname)"]);

/** A source project's repository: two branches, an annotated tag and a merge request ref, HEAD on `develop`. */
let source: string;
beforeAll(async () => {
  source = await createRepository(++lastId, { kind: "project", defaultBranch: "develop" });
  const worktree = await newWorktree(root, "source");
  await commitFiles(worktree, { "README.md": "# Source\n", "bin/data.bin": "\u0000\u0001binary\u0002" }, "First");
  await git(worktree, ["tag", "-a", "v1.0", "-m", "Release 1.0"]);
  await commitFiles(worktree, { "src/app.ts": "export const app = 1;\n" }, "Second");
  await git(worktree, ["push", "--quiet", source, "HEAD:refs/heads/develop", "HEAD~1:refs/heads/main", "refs/tags/*:refs/tags/*", "HEAD:refs/merge-requests/3/head"]);
  served().repositories.set("group/app", { path: source });
});

/** The source's address under a name only the injected resolver knows: git must connect where the policy checked. */
function client(resolveTo: string, options: { allowLocal?: boolean } = { allowLocal: true }) {
  const resolve: Resolver = async () => [{ address: resolveTo, family: 4 }];
  const port = new URL(served().url).port;
  return new SourceClient({ url: `http://gitlab.source.test:${port}`, token: TOKEN, allowInsecure: true, resolve, ...options });
}

describe("mirroring a source repository over smart HTTP", () => {
  it("fetches every ref and object as oauth2:<token>, pinned to the address the URL policy checked", async () => {
    const target = await createRepository(++lastId, { kind: "project", defaultBranch: "develop" });
    const remote = await client("127.0.0.1").gitRemote("group/app.git");
    expect(remote.url).not.toContain(TOKEN);
    expect(await fetchMirror(target, remote)).toEqual({ refs: 4, head: "develop" });
    expect(await refsOf(target)).toBe(await refsOf(source));
    expect(await git(target, ["fsck", "--strict", "--no-dangling"])).toBe("");
    const sent = served().requests.filter((r) => r.url.startsWith("/group/app.git/"));
    expect(sent.length).toBeGreaterThan(0);
    for (const request of sent) expect(request.authorization).toBe(`Basic ${Buffer.from(`oauth2:${TOKEN}`).toString("base64")}`);
    // A second run (a replayed job) changes nothing.
    expect((await fetchMirror(target, remote)).refs).toBe(4);
    expect(await refsOf(target)).toBe(await refsOf(source));
  });

  it("puts HEAD on main when the source's default branch did not arrive", async () => {
    const target = await createRepository(++lastId, { kind: "project", defaultBranch: "trunk" });
    expect((await fetchMirror(target, await client("127.0.0.1").gitRemote("group/app.git"))).head).toBe("main");
    expect(await git(target, ["symbolic-ref", "HEAD"])).toBe("refs/heads/main");
  });

  it("refuses a source whose name resolves to a private address unless local sources are allowed", async () => {
    const refused = await client("10.1.2.3", { allowLocal: false }).gitRemote("group/app.git").catch((error: unknown) => error);
    expect(refused).toMatchObject({ name: "SourceError", kind: "local_address" });
  });

  it("fails with a MirrorError saying why, writing no ref, for a repository the source does not have", async () => {
    const target = await createRepository(++lastId, { kind: "project" });
    const failed = await fetchMirror(target, await client("127.0.0.1").gitRemote("group/missing.git")).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(MirrorError);
    expect((failed as Error).message).toMatch(/could not be fetched from http:\/\/gitlab\.source\.test:\d+\/group\/missing\.git/);
    expect((failed as Error).message).not.toContain(TOKEN);
    expect(await refsOf(target)).toBe("");
  });
});
