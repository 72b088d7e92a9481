import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createGroup } from "@/lib/groups";
import { createProject } from "@/lib/projects";
import { housekeepingIdle, repositoryPath } from "@/lib/repositories";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { commitFiles, git, newWorktree, temporaryDirectory } from "@/test/helpers/git-client";
import { runRouteServer } from "@/test/helpers/route-server";
import { GET, POST } from "./route";

const server = runRouteServer({ prefix: "/-/git/", handlers: { GET, POST } });
const work = temporaryDirectory("ferry-git-housekeeping-");

describe("housekeeping after a push over HTTP", () => {
  it("packs the refs of a push of many branches and writes the commit-graph, once the push has its answer", async () => {
    const owner = await makeUser();
    const group = await createGroup(owner, { name: unique("Housekeeping"), path: unique("housekeeping"), visibility: "private" });
    const project = await createProject(owner, { name: unique("Project"), namespaceId: group.id, visibility: "private" });
    const source = await newWorktree(work, "source");
    for (let index = 0; index < 70; index++) await git(source, ["branch", `topic/${index}`]);
    const url = `${server().url.replace("://", `://oauth2:${await tokenFor(owner.id)}@`)}/${project.fullPath}.git`;
    await git(source, ["push", "--quiet", url, "refs/heads/*:refs/heads/*"]);

    await housekeepingIdle();
    const repo = repositoryPath(project.id, "project");
    expect(fs.readFileSync(path.join(repo, "packed-refs"), "utf8")).toContain("refs/heads/topic/69");
    expect(fs.readdirSync(path.join(repo, "refs/heads"), { recursive: true }).filter((name) => fs.statSync(path.join(repo, "refs/heads", String(name))).isFile())).toEqual([]);
    expect(fs.existsSync(path.join(repo, "objects/info/commit-graphs/commit-graph-chain"))).toBe(true);
    const refs = ["for-each-ref", "--format=%(objectname) %(refname)", "refs/heads"];
    expect(await git(repo, refs)).toBe(await git(source, refs));
  });

  it("frees a repository from a lock a crashed git left: the refused push schedules the housekeeping that removes it", async () => {
    const owner = await makeUser();
    const group = await createGroup(owner, { name: unique("Locked"), path: unique("locked"), visibility: "private" });
    const project = await createProject(owner, { name: unique("Project"), namespaceId: group.id, visibility: "private" });
    const source = await newWorktree(work, "locked");
    const url = `${server().url.replace("://", `://oauth2:${await tokenFor(owner.id)}@`)}/${project.fullPath}.git`;
    await git(source, ["push", "--quiet", url, "main"]);
    await housekeepingIdle();
    const lock = path.join(repositoryPath(project.id, "project"), "refs/heads/main.lock");
    fs.writeFileSync(lock, "");
    const hourAgo = new Date(Date.now() - 2 * 60 * 60_000);
    fs.utimesSync(lock, hourAgo, hourAgo);

    await commitFiles(source, { "later.txt": "later\n" }, "Later");
    await expect(git(source, ["push", "--quiet", url, "main"])).rejects.toThrow(/lock/);
    await housekeepingIdle();
    expect(fs.existsSync(lock)).toBe(false);
    await git(source, ["push", "--quiet", url, "main"]);
    expect(await git(repositoryPath(project.id, "project"), ["log", "-1", "--format=%s", "main"])).toBe("Later");
  });
});
