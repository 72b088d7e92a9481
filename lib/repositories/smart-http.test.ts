import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { CLIENT_ENV, commitFiles, git, gitFailure, newWorktree, temporaryDirectory } from "@/test/helpers/git-client";
import { runGitHttpServer } from "@/test/helpers/git-http-server";
import { FLUSH_PKT, pktLine } from "./pkt-line";
import type { PushPolicy } from "./push-policy";
import { advertiseRefs, serviceRpc } from "./smart-http";
import { createRepository, type ReadmeCommit } from "./storage";

const root = temporaryDirectory("ferry-smart-http-");
process.env.FERRY_DATA_DIR = path.join(root, "data");
const server = runGitHttpServer();

const README: ReadmeCommit = { content: "# Served\n", authorName: "Grace Hopper", authorEmail: "grace@example.com", message: "Initial commit" };
const OPEN: PushPolicy = { archived: false, protectedBranches: [], protectedTags: [], isMaintainer: false };
const UPLOAD_REQUEST = "application/x-git-upload-pack-request";
const V0 = ["-c", "protocol.version=0"];
const V2 = ["-c", "protocol.version=2"];

let lastProjectId = 0;
/** A new repository served as `<name>.git`. */
async function served(name: string, options: { readme?: ReadmeCommit; pushPolicy?: PushPolicy } = {}) {
  const repositoryPath = await createRepository(++lastProjectId, { kind: "project", readme: options.readme });
  server().repositories.set(name, { path: repositoryPath, pushPolicy: options.pushPolicy });
  return { path: repositoryPath, url: `${server().url}/${name}.git` };
}

const refsOf = (repository: string) => git(repository, ["for-each-ref", "--format=%(objectname) %(objecttype) %(refname)", "refs/heads", "refs/tags"]);
const text = async (body: Readable) => (await buffer(body)).toString("latin1");

describe("advertiseRefs", () => {
  it("answers with GitLab's headers, the `# service` line for protocol v0 and none for v2", async () => {
    const repository = await served("advertised", { readme: README });
    const head = await git(repository.path, ["rev-parse", "HEAD"]);
    const v0 = advertiseRefs(repository.path, "git-upload-pack");
    expect(v0.status).toBe(200);
    expect(v0.headers).toEqual({ "content-type": "application/x-git-upload-pack-advertisement", "cache-control": "no-cache", expires: "Fri, 01 Jan 1980 00:00:00 GMT", pragma: "no-cache" });
    const advertised = await text(v0.body);
    expect(advertised.startsWith("001e# service=git-upload-pack\n0000")).toBe(true);
    expect(advertised).toContain(`${head} HEAD\0`);
    expect(advertised).toContain(`${head} refs/heads/main\n`);
    expect(advertised.endsWith("0000")).toBe(true);

    expect((await text(advertiseRefs(repository.path, "git-upload-pack", "version=2").body)).startsWith("000eversion 2\n")).toBe(true);
    expect((await text(advertiseRefs(repository.path, "git-upload-pack", "agent=x:version=2").body)).startsWith("000eversion 2\n")).toBe(true);
    // A header that fails Gitea's check never reaches git: protocol v0.
    const invalid = await text(advertiseRefs(repository.path, "git-upload-pack", "version=2;x=$(id)").body);
    expect(invalid.startsWith("001e# service=git-upload-pack\n0000")).toBe(true);
    expect(invalid).not.toContain("version 2");

    const push = advertiseRefs(repository.path, "git-receive-pack");
    expect(push.headers["content-type"]).toBe("application/x-git-receive-pack-advertisement");
    const pushAdvertised = await text(push.body);
    expect(pushAdvertised.startsWith("001f# service=git-receive-pack\n0000")).toBe(true);
    expect(pushAdvertised).toMatch(new RegExp(`${head} refs/heads/main\0.*report-status`));
  });

  it("breaks the answer off when git cannot answer, rather than advertising an empty repository", async () => {
    const notRepository = path.join(root, "not-a-repository");
    fs.mkdirSync(notRepository);
    await expect(buffer(advertiseRefs(notRepository, "git-upload-pack").body)).rejects.toThrow(/git upload-pack failed with exit code 128: fatal: '.' does not appear to be a git repository/);
    await expect(buffer(advertiseRefs(path.join(root, "missing"), "git-upload-pack").body)).rejects.toThrow(/git could not be started in .*missing/);
    expect(() => advertiseRefs("relative/repo.git", "git-upload-pack")).toThrow("git's cwd must be an absolute path");
  });
});

describe("git over smart HTTP", () => {
  it("clones over protocol v0 and v2, and fetches what was pushed since", async () => {
    const repository = await served("clone-me", { readme: README, pushPolicy: OPEN });
    const work = fs.mkdtempSync(path.join(root, "clone-"));
    await git(work, [...V0, "clone", "--quiet", repository.url, "v0"]);
    await git(work, [...V2, "clone", "--quiet", repository.url, "v2"]);
    const head = await git(repository.path, ["rev-parse", "HEAD"]);
    for (const clone of ["v0", "v2"]) {
      expect(await git(path.join(work, clone), ["rev-parse", "HEAD"])).toBe(head);
      expect(fs.readFileSync(path.join(work, clone, "README.md"), "utf8")).toBe(README.content);
    }
    const requests = server().requests.filter((request) => request.url.startsWith("/clone-me.git/"));
    expect(requests.map((request) => [request.url, request.gitProtocol])).toEqual([
      ["/clone-me.git/info/refs?service=git-upload-pack", undefined],
      ["/clone-me.git/git-upload-pack", undefined],
      ["/clone-me.git/info/refs?service=git-upload-pack", "version=2"],
      // v2: ls-refs, then fetch.
      ["/clone-me.git/git-upload-pack", "version=2"],
      ["/clone-me.git/git-upload-pack", "version=2"],
    ]);

    const pushed = await commitFiles(path.join(work, "v2"), { "notes.txt": "more\n" }, "Add notes");
    await git(path.join(work, "v2"), ["push", "--quiet", "origin", "main"]);
    await git(path.join(work, "v0"), [...V0, "fetch", "--quiet", "origin"]);
    expect(await git(path.join(work, "v0"), ["rev-parse", "origin/main"])).toBe(pushed);
    await git(path.join(work, "v0"), ["merge", "--quiet", "--ff-only", "origin/main"]);
    const second = await commitFiles(path.join(work, "v0"), { "notes.txt": "even more\n" }, "More notes");
    await git(path.join(work, "v0"), ["push", "--quiet", "origin", "main"]);
    await git(path.join(work, "v2"), [...V2, "fetch", "--quiet", "origin"]);
    expect(await git(path.join(work, "v2"), ["rev-parse", "origin/main"])).toBe(second);
  });

  it("takes a push of a new branch", async () => {
    const repository = await served("push-branch", { readme: README, pushPolicy: OPEN });
    const work = fs.mkdtempSync(path.join(root, "push-"));
    await git(work, ["clone", "--quiet", repository.url, "clone"]);
    const clone = path.join(work, "clone");
    await git(clone, ["switch", "--quiet", "--create", "feature/login"]);
    const commit = await commitFiles(clone, { "login.ts": "export {};\n" }, "Add login");
    await git(clone, ["push", "--quiet", "origin", "feature/login"]);
    expect(await git(repository.path, ["rev-parse", "refs/heads/feature/login"])).toBe(commit);
    expect(await git(repository.path, ["show", "feature/login:login.ts"])).toBe("export {};");
  });

  it("takes many branches and tags by push and gives them back identical; git gzips its large fetch request", async () => {
    const work = fs.mkdtempSync(path.join(root, "round-trip-"));
    const source = await newWorktree(work, "source");
    for (let index = 0; index < 30; index++) {
      await git(source, ["commit", "--quiet", "--allow-empty", "--message", `Commit ${index}`]);
      await git(source, ["branch", `feature/${index}`]);
      await git(source, index % 2 ? ["tag", `v0.${index}`] : ["tag", "--annotate", "--message", `Release ${index}`, `v0.${index}`]);
    }
    await git(source, ["switch", "--quiet", "--create", "side", "HEAD~5"]);
    await commitFiles(source, { "side.txt": "side\n" }, "Side work");
    await git(source, ["switch", "--quiet", "main"]);
    await git(source, ["merge", "--quiet", "--no-ff", "--message", "Merge side", "side"]);

    const repository = await served("round-trip", { pushPolicy: OPEN });
    await git(source, ["push", "--quiet", repository.url, "refs/heads/*:refs/heads/*", "refs/tags/*:refs/tags/*"]);
    const expected = await refsOf(source);
    expect(expected.split("\n")).toHaveLength(2 + 30 + 30);
    expect(await refsOf(repository.path)).toBe(expected);
    expect(await git(repository.path, ["fsck", "--strict", "--no-dangling"])).toBe("");

    for (const [name, protocol] of [["back-v0.git", V0], ["back-v2.git", V2]] as const) {
      await git(work, [...protocol, "clone", "--quiet", "--mirror", repository.url, name]);
      expect(await refsOf(path.join(work, name)), name).toBe(expected);
      expect(await git(path.join(work, name), ["fsck", "--strict", "--no-dangling"])).toBe("");
    }
    const fetches = server().requests.filter((request) => request.url === "/round-trip.git/git-upload-pack");
    expect(fetches.some((request) => request.contentEncoding === "gzip")).toBe(true);
  });

  it("refuses a push when no push policy is given (403), over HTTP too", async () => {
    const repository = await served("no-policy", { readme: README });
    const refused = await serviceRpc(repository.path, "git-receive-pack", { body: Readable.from([]), contentType: "application/x-git-receive-pack-request" });
    expect(refused.status).toBe(403);
    expect(await text(refused.body)).toBe("You are not allowed to push code to this project.\n");

    const work = fs.mkdtempSync(path.join(root, "no-policy-"));
    await git(work, ["clone", "--quiet", repository.url, "clone"]);
    const head = await git(repository.path, ["rev-parse", "HEAD"]);
    await commitFiles(path.join(work, "clone"), { "x.txt": "x\n" }, "Try");
    expect(await gitFailure(path.join(work, "clone"), ["push", "origin", "main"])).toContain("The requested URL returned error: 403");
    expect(await git(repository.path, ["rev-parse", "HEAD"])).toBe(head);
  });
});

describe("serviceRpc", () => {
  it("answers a plain or a gzipped upload-pack request with the same pack", async () => {
    const repository = await served("direct", { readme: README });
    const head = await git(repository.path, ["rev-parse", "HEAD"]);
    const request = Buffer.concat([pktLine(`want ${head}\n`), FLUSH_PKT, pktLine("done\n")]);
    const answers: Buffer[] = [];
    for (const [contentEncoding, body] of [[undefined, request], ["gzip", gzipSync(request)], ["x-gzip", gzipSync(request)]] as const) {
      const result = await serviceRpc(repository.path, "git-upload-pack", { body: Readable.from([body]), contentType: UPLOAD_REQUEST, contentEncoding });
      expect(result.status).toBe(200);
      expect(result.headers).toEqual({ "content-type": "application/x-git-upload-pack-result", "cache-control": "no-cache", expires: "Fri, 01 Jan 1980 00:00:00 GMT", pragma: "no-cache" });
      answers.push(await buffer(result.body));
    }
    for (const answer of answers) {
      expect(answer.subarray(0, 12).toString()).toBe("0008NAK\nPACK");
      expect(answer.equals(answers[0]!)).toBe(true);
    }
    // The pack holds the commit and its README.
    const unpacked = path.join(root, "unpacked.git");
    await git(root, ["init", "--quiet", "--bare", unpacked]);
    const indexed = spawnSync("git", ["index-pack", "--stdin", "--strict"], { cwd: unpacked, input: answers[0]!.subarray(8), env: CLIENT_ENV });
    expect(indexed.status, indexed.stderr.toString()).toBe(0);
    expect(await git(unpacked, ["show", `${head}:README.md`])).toBe("# Served");
  });

  it("refuses a request of the wrong content type or an unknown encoding (415)", async () => {
    const repository = await served("refusals", { readme: README });
    for (const contentType of [undefined, "", "text/plain", "application/x-git-receive-pack-request", "application/x-git-upload-pack-requests"]) {
      const result = await serviceRpc(repository.path, "git-upload-pack", { body: Readable.from([]), contentType });
      expect(result.status, String(contentType)).toBe(415);
      expect(await text(result.body)).toBe("The Content-Type must be application/x-git-upload-pack-request.\n");
    }
    const brotli = await serviceRpc(repository.path, "git-upload-pack", { body: Readable.from([]), contentType: UPLOAD_REQUEST, contentEncoding: "br" });
    expect(brotli.status).toBe(415);
    expect(await text(brotli.body)).toBe("The Content-Encoding br is not supported.\n");
    // Parameters and case of the media type do not matter.
    const withCharset = await serviceRpc(repository.path, "git-upload-pack", { body: Readable.from([FLUSH_PKT]), contentType: "Application/X-Git-Upload-Pack-Request; charset=utf-8" });
    expect(withCharset.status).toBe(200);
    await buffer(withCharset.body);

    const overHttp = await fetch(`${server().url}/refusals.git/git-upload-pack`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(overHttp.status).toBe(415);
  });

  it("stops git when the client goes away, or when the request does not arrive in time", async () => {
    const repository = await served("slow", { readme: README });
    const head = await git(repository.path, ["rev-parse", "HEAD"]);
    const unfinished = () => {
      const body = new PassThrough();
      body.write(pktLine(`want ${head}\n`));
      return body;
    };
    const abort = new AbortController();
    const abandoned = await serviceRpc(repository.path, "git-upload-pack", { body: unfinished(), contentType: UPLOAD_REQUEST, signal: abort.signal });
    setTimeout(() => abort.abort(new Error("the client went away")), 100);
    await expect(buffer(abandoned.body)).rejects.toThrow("git upload-pack was stopped: the client went away");

    const late = await serviceRpc(repository.path, "git-upload-pack", { body: unfinished(), contentType: UPLOAD_REQUEST, timeoutMs: 200 });
    await expect(buffer(late.body)).rejects.toThrow("git upload-pack was stopped: the request was not read within 200 ms");

    const broken = await serviceRpc(repository.path, "git-upload-pack", { body: Readable.from([Buffer.from("not gzip at all")]), contentType: UPLOAD_REQUEST, contentEncoding: "gzip" });
    const answer = await buffer(broken.body).catch(() => Buffer.alloc(0));
    expect(answer.includes("PACK")).toBe(false);
  });
});
