import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { git, temporaryDirectory } from "@/test/helpers/git-client";
import { repositoryPath } from "./layout";
import { createRepository, removeRepository, repositoryExists, RepositoryExistsError } from "./storage";

process.env.FERRY_DATA_DIR = temporaryDirectory("ferry-storage-");

const README = { content: "# Hello\n\nÜnïcødé and `code`.\n", authorName: "Grace Hopper", authorEmail: "grace@example.com", message: "Initial commit\n\nWith a body." };

describe("createRepository", () => {
  it("creates an empty bare repository, HEAD on the default branch, without hooks or a working tree", async () => {
    const created = await createRepository(101, { kind: "project" });
    expect(created).toBe(repositoryPath(101, "project"));
    expect(await git(created, ["rev-parse", "--is-bare-repository"])).toBe("true");
    expect(await git(created, ["symbolic-ref", "HEAD"])).toBe("refs/heads/main");
    expect(await git(created, ["for-each-ref"])).toBe("");
    expect(fs.readdirSync(created).sort()).toEqual(["HEAD", "config", "objects", "refs"]);
    expect(await repositoryExists(101, "project")).toBe(true);
    expect(await repositoryExists(101, "wiki")).toBe(false);
  });

  it("commits a README without checking anything out, on the given default branch", async () => {
    const created = await createRepository(102, { kind: "project", defaultBranch: "trunk", readme: README });
    expect(await git(created, ["symbolic-ref", "HEAD"])).toBe("refs/heads/trunk");
    expect(await git(created, ["for-each-ref", "--format=%(refname)"])).toBe("refs/heads/trunk");
    expect(await git(created, ["show", "HEAD:README.md"])).toBe(README.content.trim());
    expect(await git(created, ["ls-tree", "--name-only", "HEAD"])).toBe("README.md");
    expect(await git(created, ["log", "--format=%an <%ae>|%cn <%ce>|%B", "trunk"])).toBe("Grace Hopper <grace@example.com>|Grace Hopper <grace@example.com>|Initial commit\n\nWith a body.");
    expect(fs.existsSync(path.join(created, "index"))).toBe(false);
    expect(await git(created, ["fsck", "--strict"])).toBe("");
  });

  it("creates a wiki beside its project", async () => {
    const wiki = await createRepository(102, { kind: "wiki", readme: { ...README, content: "Wiki home" } });
    expect(path.dirname(wiki)).toBe(path.dirname(repositoryPath(102, "project")));
    expect(wiki.endsWith(".wiki.git")).toBe(true);
    expect(await git(wiki, ["show", "main:README.md"])).toBe("Wiki home");
  });

  it("refuses an invalid default branch before creating anything", async () => {
    for (const branch of ["--bare", "a..b", "x.lock", ""]) {
      await expect(createRepository(103, { kind: "project", defaultBranch: branch })).rejects.toThrow(`Invalid default branch ${JSON.stringify(branch)}`);
    }
    expect(await repositoryExists(103, "project")).toBe(false);
  });

  it("refuses to create over an existing repository, and leaves that one alone", async () => {
    const created = await createRepository(104, { kind: "project", readme: README });
    const head = await git(created, ["rev-parse", "main"]);
    await expect(createRepository(104, { kind: "project" })).rejects.toBeInstanceOf(RepositoryExistsError);
    expect(await git(created, ["rev-parse", "main"])).toBe(head);
    expect(fs.readdirSync(path.dirname(created)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("is not disturbed by what a crash left beside the repository, and takes a failed commit back", async () => {
    const target = repositoryPath(105, "project");
    fs.mkdirSync(`${target}.0123456789ab.tmp/objects`, { recursive: true });
    const created = await createRepository(105, { kind: "project", readme: README });
    expect(await git(created, ["show", "main:README.md"])).toBe(README.content.trim());
    // Git refuses an empty author name: nothing may be left behind.
    await expect(createRepository(106, { kind: "project", readme: { ...README, authorName: "" } })).rejects.toThrow(/git commit-tree failed/);
    expect(await repositoryExists(106, "project")).toBe(false);
    expect(fs.readdirSync(path.dirname(repositoryPath(106, "project")))).toEqual([]);
  });
});

describe("removeRepository", () => {
  it("removes a repository and what interrupted runs left beside it, and is fine when there is nothing", async () => {
    const created = await createRepository(107, { kind: "project", readme: README });
    fs.mkdirSync(`${created}.aaaaaaaaaaaa.tmp`);
    fs.mkdirSync(`${created}.bbbbbbbbbbbb.deleted`);
    const wiki = await createRepository(107, { kind: "wiki" });
    await removeRepository(107, "project");
    expect(await repositoryExists(107, "project")).toBe(false);
    expect(fs.readdirSync(path.dirname(created))).toEqual([path.basename(wiki)]);
    await removeRepository(107, "project");
    await removeRepository(108, "wiki");
  });
});
