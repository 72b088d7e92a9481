import { execFileSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLIENT_ENV, git, temporaryDirectory } from "@/test/helpers/git-client";
import { buildSampleRepository, type SampleRepository } from "./_test/sample-repository";
import { GitNotFoundError } from "./errors";
import { listTree, type TreeItem } from "./tree";

const root = temporaryDirectory("ferry-read-tree-");
let sample: SampleRepository;

beforeAll(async () => {
  sample = await buildSampleRepository(root);
});

const names = (items: TreeItem[]) => items.map((item) => item.path);

describe("listTree", () => {
  it("lists the root as GitLab does: trees, then blobs, then submodules, each item in GitLab's shape", async () => {
    const { repo } = sample;
    const page = await listTree(repo, { ref: "main", perPage: 100 });
    expect(names(page.items)).toEqual(["assets", "bin", "docs", "src", "vendor", "-p", "README.md", "app-link", "big.txt", "with space.txt"]);
    expect(page.total).toBe(10);
    expect(page.next_page_token).toBeNull();
    const byPath = Object.fromEntries(page.items.map((item) => [item.path, item]));
    expect(byPath.docs).toEqual({ id: await git(repo, ["rev-parse", "main:docs"]), name: "docs", type: "tree", path: "docs", mode: "040000" });
    expect(byPath["README.md"]).toEqual({ id: await git(repo, ["rev-parse", "main:README.md"]), name: "README.md", type: "blob", path: "README.md", mode: "100644" });
    expect(byPath["app-link"]).toMatchObject({ type: "blob", mode: "120000" });
    expect(byPath["vendor/lib"]).toBeUndefined();
  });

  it("lists a directory with full paths, and at an older ref what was there then", async () => {
    const { repo, sha } = sample;
    const lib = await listTree(repo, { ref: "main", path: "src/lib" });
    expect(lib.items.map((item) => [item.name, item.path, item.type])).toEqual([
      ["deep", "src/lib/deep", "tree"],
      ["util.ts", "src/lib/util.ts", "blob"],
    ]);
    expect(names((await listTree(repo, { ref: sha.files, path: "docs" })).items)).toEqual(["docs/guide.md"]);
    expect(names((await listTree(repo, { ref: "v2.0", path: "docs" })).items)).toEqual(["docs/manual.md"]);
    expect((await listTree(repo, { ref: sha.big, path: "bin" })).items[0]).toMatchObject({ name: "run.sh", mode: "100755" });
  });

  it("shows a submodule as a commit entry, after the blobs", async () => {
    const vendor = await listTree(sample.repo, { ref: "main", path: "vendor" });
    expect(vendor.items).toEqual([{ id: sample.sha.initial, name: "lib", type: "commit", path: "vendor/lib", mode: "160000" }]);
  });

  it("lists recursively, trees first, with paths from the root", async () => {
    const page = await listTree(sample.repo, { ref: "main", path: "src", recursive: true, perPage: 100 });
    expect(names(page.items)).toEqual(["src/lib", "src/lib/deep", "src/lib/deep/nested", "src/app.ts", "src/lib/deep/nested/leaf.txt", "src/lib/util.ts", "src/login.ts"]);
    expect(page.items.find((item) => item.path === "src/lib/deep/nested/leaf.txt")?.name).toBe("leaf.txt");
    const everything = await listTree(sample.repo, { recursive: true, perPage: 100 });
    expect(everything.total).toBe(Number((await git(sample.repo, ["ls-tree", "-r", "-t", "main"])).split("\n").length));
  });

  it("pages by offset and by token alike, and answers an empty page past the end", async () => {
    const { repo } = sample;
    const all = names((await listTree(repo, { perPage: 100 })).items);
    const byOffset: string[] = [];
    for (let page = 1; page <= 4; page++) {
      const result = await listTree(repo, { page, perPage: 3 });
      expect(result.total).toBe(all.length);
      byOffset.push(...names(result.items));
      expect(result.next_page_token).toBe(page < 4 ? result.items.at(-1)!.path : null);
    }
    expect(byOffset).toEqual(all);
    expect((await listTree(repo, { page: 5, perPage: 3 })).items).toEqual([]);

    const byToken: string[] = [];
    let token: string | undefined;
    do {
      const result: Awaited<ReturnType<typeof listTree>> = await listTree(repo, { perPage: 4, pageToken: token });
      byToken.push(...names(result.items));
      token = result.next_page_token ?? undefined;
    } while (token);
    expect(byToken).toEqual(all);
    // Tokens of a subdirectory are full paths too.
    const first = await listTree(repo, { path: "src", recursive: true, perPage: 2 });
    const second = await listTree(repo, { path: "src", recursive: true, perPage: 2, pageToken: first.next_page_token! });
    expect(names(second.items)).toEqual(["src/lib/deep/nested", "src/app.ts"]);
    expect((await listTree(repo, { pageToken: "no/such/item" })).items).toEqual([]);
  });

  it("answers GitLab's 404s: Tree Not Found for a ref, invalid revision or path for a path", async () => {
    const { repo } = sample;
    await expect(listTree(repo, { ref: "nope" })).rejects.toThrow(new GitNotFoundError("Tree"));
    await expect(listTree(repo, { ref: "nope" })).rejects.toThrow("404 Tree Not Found");
    for (const missing of ["nope", "README.md", "src/app.ts/x", "../src", "src/../docs", "/src"]) {
      await expect(listTree(repo, { path: missing }), missing).rejects.toThrow("404 invalid revision or path Not Found");
    }
  });

  it("pages a listing too large to cache by streaming it again, in the same order", async () => {
    // 20,100 entries in one tree, every hundredth (201 of them) an empty directory, written straight into a bare repository.
    const large = path.join(root, "large.git");
    await git(root, ["init", "--quiet", "--bare", large]);
    const run = (args: string[], input = "") => execFileSync("git", ["--git-dir", large, ...args], { input, env: CLIENT_ENV }).toString().trim();
    const empty = run(["mktree"]);
    const blob = run(["hash-object", "-w", "--stdin"], "x\n");
    const lines: string[] = [];
    for (let index = 0; index < 20_100; index++) {
      const name = `e${String(index).padStart(5, "0")}`;
      lines.push(index % 100 === 0 ? `040000 tree ${empty}\t${name}` : `100644 blob ${blob}\t${name}`);
    }
    const commit = run(["commit-tree", run(["mktree"], `${lines.join("\n")}\n`), "-m", "many"]);

    const first = await listTree(large, { ref: commit, perPage: 3 });
    expect(first.total).toBe(20_100);
    expect(names(first.items)).toEqual(["e00000", "e00100", "e00200"]);
    // Across the boundary between the last directory and the first file.
    const boundary = await listTree(large, { ref: commit, page: 51, perPage: 4 });
    expect(boundary.items.map((item) => [item.path, item.type])).toEqual([
      ["e20000", "tree"],
      ["e00001", "blob"],
      ["e00002", "blob"],
      ["e00003", "blob"],
    ]);
    const afterToken = await listTree(large, { ref: commit, perPage: 2, pageToken: "e20000" });
    expect(names(afterToken.items)).toEqual(["e00001", "e00002"]);
    const last = await listTree(large, { ref: commit, page: 6700, perPage: 3 });
    expect(names(last.items)).toEqual(["e20097", "e20098", "e20099"]);
    expect(last.next_page_token).toBeNull();
  });
});
