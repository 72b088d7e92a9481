import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { CLIENT_ENV, commitFiles, git, gitFailure, temporaryDirectory } from "@/test/helpers/git-client";
import { runGitHttpServer } from "@/test/helpers/git-http-server";
import type { PushPolicy } from "./push-policy";
import { serviceRpc } from "./smart-http";
import { createRepository } from "./storage";

const root = temporaryDirectory("ferry-push-policy-");
process.env.FERRY_DATA_DIR = path.join(root, "data");
const server = runGitHttpServer();

const branchRules = (mayPush: boolean, allowForcePush = false) => ["main", "release/*"].map((pattern) => ({ pattern, mayPush, allowForcePush }));
const DEVELOPER: PushPolicy = { archived: false, protectedBranches: branchRules(false), protectedTags: [], isMaintainer: false, userLabel: "dev\x1b[31m" };
const MAINTAINER: PushPolicy = { ...DEVELOPER, protectedBranches: branchRules(true), isMaintainer: true, userLabel: "maintainer" };
const HOOK = path.resolve("lib/repositories/hooks/pre-receive");
const MESSAGES = {
  protected: "remote: You are not allowed to push code to protected branches on this project.",
  forcePush: "remote: You are not allowed to force push code to a protected branch on this project.",
  delete: "remote: You can only delete protected branches using the web interface.",
  deleteNotMaintainer: "remote: You are not allowed to delete protected branches from this project. Only a project maintainer or owner can delete a protected branch.",
  createTag: "remote: You are not allowed to create this tag as it is protected.",
  updateTag: "remote: Protected tags cannot be updated.",
  deleteTag: "remote: You can only delete protected tags using the web interface.",
  deleteTagNotMaintainer: "remote: You are not allowed to delete protected tags from this project. Only a project maintainer or owner can delete a protected tag.",
  archived: "remote: You are not allowed to push code to an archived project.",
};

let lastProjectId = 0;
/** A served project with a README on `main`, and a clone of it to push from. */
async function project(name: string, pushPolicy: PushPolicy) {
  const repositoryPath = await createRepository(++lastProjectId, {
    kind: "project",
    readme: { content: "# Protected\n", authorName: "Grace Hopper", authorEmail: "grace@example.com", message: "Initial commit" },
  });
  server().repositories.set(name, { path: repositoryPath, pushPolicy });
  const clone = path.join(root, name);
  await git(root, ["clone", "--quiet", `${server().url}/${name}.git`, clone]);
  const serverRef = (ref: string) => git(repositoryPath, ["for-each-ref", "--format=%(objectname)", ref]);
  return { repositoryPath, clone, serverRef };
}

describe("push policy (the pre-receive hook)", () => {
  it("lets a developer push other branches but not protected ones, by exact name or by wildcard", async () => {
    const { clone, serverRef } = await project("developer", DEVELOPER);
    const initial = await serverRef("refs/heads/main");
    const commit = await commitFiles(clone, { "a.txt": "a\n" }, "Change main");

    const refused = await gitFailure(clone, ["push", "origin", "main"]);
    expect(refused).toContain(MESSAGES.protected);
    // The label as a terminal shows it: without its escape character.
    expect(refused).toContain("remote: (You are pushing as dev[31m.)");
    expect(refused).toContain("[remote rejected] main -> main (pre-receive hook declined)");
    expect(await serverRef("refs/heads/main")).toBe(initial);

    expect(await gitFailure(clone, ["push", "origin", "main:release/1.0"])).toContain(MESSAGES.protected);
    expect(await serverRef("refs/heads/release/1.0")).toBe("");

    await git(clone, ["push", "--quiet", "origin", "main:feature", "main:released", "main:refs/tags/v1.0"]);
    for (const ref of ["refs/heads/feature", "refs/heads/released", "refs/tags/v1.0"]) expect(await serverRef(ref), ref).toBe(commit);
  });

  it("lets a maintainer push to a protected branch, but not force push or delete it", async () => {
    const { clone, serverRef } = await project("maintainer", MAINTAINER);
    const pushed = await commitFiles(clone, { "a.txt": "a\n" }, "Change main");
    await git(clone, ["push", "--quiet", "origin", "main", "main:feature"]);
    expect(await serverRef("refs/heads/main")).toBe(pushed);

    await git(clone, ["reset", "--quiet", "--hard", "HEAD~1"]);
    const rewritten = await commitFiles(clone, { "b.txt": "b\n" }, "Rewrite history");
    expect(await gitFailure(clone, ["push", "--force", "origin", "main"])).toContain(MESSAGES.forcePush);
    expect(await gitFailure(clone, ["push", "origin", ":main"])).toContain(MESSAGES.delete);
    expect(await serverRef("refs/heads/main")).toBe(pushed);

    // Branches that are not protected take both.
    await git(clone, ["push", "--quiet", "--force", "origin", "main:feature"]);
    expect(await serverRef("refs/heads/feature")).toBe(rewritten);
    await git(clone, ["push", "--quiet", "origin", ":feature"]);
    expect(await serverRef("refs/heads/feature")).toBe("");
  });

  it("takes a force push to a protected branch when the project allows it", async () => {
    const { clone, serverRef } = await project("force-allowed", { ...MAINTAINER, protectedBranches: branchRules(true, true) });
    await git(clone, ["commit", "--quiet", "--amend", "--message", "Reworded"]);
    const rewritten = await git(clone, ["rev-parse", "HEAD"]);
    await git(clone, ["push", "--quiet", "--force", "origin", "main"]);
    expect(await serverRef("refs/heads/main")).toBe(rewritten);
    expect(await gitFailure(clone, ["push", "origin", ":main"])).toContain(MESSAGES.delete);
  });

  it("lets the most permissive matching branch rule decide, and tells a developer deleting a protected branch that only maintainers may", async () => {
    // `release/*` lets developers push and force push; `release/1.*` does not: a branch matching both takes both.
    const policy: PushPolicy = {
      ...DEVELOPER,
      protectedBranches: [
        { pattern: "release/*", mayPush: true, allowForcePush: true },
        { pattern: "release/1.*", mayPush: false, allowForcePush: false },
        { pattern: "main", mayPush: false, allowForcePush: false },
      ],
    };
    const { clone, serverRef } = await project("most-permissive", policy);
    await git(clone, ["push", "--quiet", "origin", "main:release/1.0"]);
    await git(clone, ["commit", "--quiet", "--amend", "--message", "Reworded"]);
    const rewritten = await git(clone, ["rev-parse", "HEAD"]);
    await git(clone, ["push", "--quiet", "--force", "origin", "HEAD:release/1.0"]);
    expect(await serverRef("refs/heads/release/1.0")).toBe(rewritten);
    // A force push to a rule that allows none comes first, whoever pushes (GitLab's order).
    expect(await gitFailure(clone, ["push", "--force", "origin", "HEAD:main"])).toContain(MESSAGES.forcePush);
    expect(await gitFailure(clone, ["push", "origin", ":release/1.0"])).toContain(MESSAGES.deleteNotMaintainer);
    expect(await serverRef("refs/heads/release/1.0")).toBe(rewritten);
  });

  it("lets only the allowed levels create a protected tag, and nobody move or delete one from git", async () => {
    const developer: PushPolicy = { ...DEVELOPER, protectedBranches: [], protectedTags: [{ pattern: "v*", mayCreate: false }, { pattern: "nightly-*", mayCreate: true }] };
    const { clone, serverRef } = await project("protected-tags", developer);
    const first = await git(clone, ["rev-parse", "HEAD"]);
    expect(await gitFailure(clone, ["push", "origin", "HEAD:refs/tags/v1.0"])).toContain(MESSAGES.createTag);
    expect(await serverRef("refs/tags/v1.0")).toBe("");
    // Tags no rule matches, and tags a rule lets this user create.
    await git(clone, ["push", "--quiet", "origin", "HEAD:refs/tags/other", "HEAD:refs/tags/nightly-1"]);
    expect(await serverRef("refs/tags/nightly-1")).toBe(first);
    const second = await commitFiles(clone, { "b.txt": "b\n" }, "Second");
    expect(await gitFailure(clone, ["push", "--force", "origin", "HEAD:refs/tags/nightly-1"])).toContain(MESSAGES.updateTag);
    expect(await gitFailure(clone, ["push", "origin", ":refs/tags/nightly-1"])).toContain(MESSAGES.deleteTagNotMaintainer);
    expect(await serverRef("refs/tags/nightly-1")).toBe(first);

    server().repositories.set("protected-tags", { ...server().repositories.get("protected-tags")!, pushPolicy: { ...developer, isMaintainer: true, protectedTags: [{ pattern: "v*", mayCreate: true }, { pattern: "nightly-*", mayCreate: true }] } });
    await git(clone, ["push", "--quiet", "origin", "HEAD:refs/tags/v1.0"]);
    expect(await serverRef("refs/tags/v1.0")).toBe(second);
    expect(await gitFailure(clone, ["push", "origin", ":refs/tags/v1.0"])).toContain(MESSAGES.deleteTag);
    // Unprotected tags still move and go.
    await git(clone, ["push", "--quiet", "--force", "origin", "HEAD:refs/tags/other"]);
    expect(await serverRef("refs/tags/other")).toBe(second);
    await git(clone, ["push", "--quiet", "origin", ":refs/tags/other"]);
    expect(await serverRef("refs/tags/other")).toBe("");
  });

  it("refuses a push to the refs GitLab keeps for itself (merge requests, pipelines, environments, keep-around)", async () => {
    const { clone, serverRef } = await project("hidden", MAINTAINER);
    for (const ref of ["refs/merge-requests/1/head", "refs/pipelines/7", "refs/environments/production", "refs/keep-around/abc"]) {
      expect(await gitFailure(clone, ["push", "origin", `main:${ref}`]), ref).toContain("remote: deny updating a hidden ref");
      expect(await serverRef(ref), ref).toBe("");
    }
  });

  it("refuses every push to an archived project", async () => {
    const { clone, serverRef } = await project("archived", { ...MAINTAINER, archived: true, protectedBranches: [] });
    await commitFiles(clone, { "a.txt": "a\n" }, "Change");
    const refused = await gitFailure(clone, ["push", "origin", "main:feature"]);
    expect(refused).toContain(MESSAGES.archived);
    expect(refused).toContain("remote: (You are pushing as maintainer.)");
    expect(await serverRef("refs/heads/feature")).toBe("");
  });

  it("the hook refuses a push whose policy or input it cannot read", () => {
    const update = `${"0".repeat(40)} ${"a".repeat(40)} refs/heads/topic\n`;
    const run = (policy: string | undefined, input = update) =>
      spawnSync(HOOK, [], { input, encoding: "utf8", env: { ...CLIENT_ENV, ...(policy === undefined ? {} : { FERRY_PUSH_POLICY: policy }) } });
    const invalid = "Ferry could not check this push: its push policy is missing or invalid.\n";
    for (const policy of [undefined, "", "{", "null", JSON.stringify({ ...DEVELOPER, archived: "no" }), JSON.stringify({ ...DEVELOPER, protectedBranches: [1] }), JSON.stringify({ ...DEVELOPER, protectedTags: [{ pattern: "v*" }] }), JSON.stringify({ ...DEVELOPER, isMaintainer: undefined })]) {
      expect(run(policy), String(policy)).toMatchObject({ status: 1, stderr: invalid });
    }
    const valid = JSON.stringify(DEVELOPER);
    expect(run(valid)).toMatchObject({ status: 0, stderr: "" });
    expect(run(valid, "garbage refs/heads/topic\n")).toMatchObject({ status: 1, stderr: "Ferry could not check this push: git passed a ref update it could not read.\n" });
  });

  it("fails closed when the hook cannot be found: no push goes through unchecked", async () => {
    const { repositoryPath } = await project("no-hook", DEVELOPER);
    const elsewhere = fs.mkdtempSync(path.join(root, "cwd-"));
    const cwd = process.cwd();
    process.chdir(elsewhere);
    try {
      await expect(serviceRpc(repositoryPath, "git-receive-pack", { body: Readable.from([]), contentType: "application/x-git-receive-pack-request", pushPolicy: DEVELOPER })).rejects.toThrow(
        `The pre-receive hook ${path.join(elsewhere, "lib/repositories/hooks/pre-receive")} is missing or not executable, so pushes cannot be checked.`,
      );
    } finally {
      process.chdir(cwd);
    }
  });
});
