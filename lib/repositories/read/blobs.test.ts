import { createHash } from "node:crypto";
import { buffer } from "node:stream/consumers";
import { beforeAll, describe, expect, it } from "vitest";
import { git, temporaryDirectory } from "@/test/helpers/git-client";
import { BIG_LINES, buildSampleRepository, PNG, type SampleRepository } from "./_test/sample-repository";
import { isBinary } from "./binary";
import { blobAt, blobInfo, streamBlob } from "./blobs";

const root = temporaryDirectory("ferry-read-blobs-");
let sample: SampleRepository;

beforeAll(async () => {
  sample = await buildSampleRepository(root);
});

const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");

describe("blobAt", () => {
  it("answers GitLab's files API shape, with the commit that last changed the file", async () => {
    const { repo, sha } = sample;
    const content = 'export const app = "ferry";\nexport const version = 2;\n';
    const lastChange = await git(repo, ["log", "-1", "--format=%H", "main", "--", "src/app.ts"]);
    expect(lastChange).not.toBe(sha.head);
    expect(await blobAt(repo, "main", "src/app.ts")).toEqual({
      file_name: "app.ts",
      file_path: "src/app.ts",
      size: Buffer.byteLength(content),
      encoding: "base64",
      content: Buffer.from(content).toString("base64"),
      content_sha256: sha256(content),
      ref: "main",
      blob_id: await git(repo, ["rev-parse", "main:src/app.ts"]),
      commit_id: sha.head,
      last_commit_id: lastChange,
      execute_filemode: false,
      too_large: false,
      binary: false,
    });
  });

  it("reads at tags and commit ids, marks executables, binary files and links", async () => {
    const { repo, sha } = sample;
    expect(await blobAt(repo, sha.big, "bin/run.sh")).toMatchObject({ execute_filemode: true, commit_id: sha.big, last_commit_id: sha.executable });
    const logo = await blobAt(repo, "v2.0", "assets/logo.png");
    expect(logo).toMatchObject({ binary: true, size: PNG.length, commit_id: sha.merge, last_commit_id: sha.binary });
    expect(Buffer.from(logo.content!, "base64").equals(PNG)).toBe(true);
    expect(Buffer.from((await blobAt(repo, "main", "app-link")).content!, "base64").toString()).toBe("src/app.ts");
    // A file named like an option is only a file.
    expect(Buffer.from((await blobAt(repo, "main", "-p")).content!, "base64").toString()).toBe("a file whose name looks like an option\n");
    expect((await blobAt(repo, "main", "with space.txt")).file_name).toBe("with space.txt");
  });

  it("leaves out content past the size asked for, still hashing all of it", async () => {
    const big = await blobAt(sample.repo, "main", "big.txt", { maxContentBytes: 1000 });
    const content = await git(sample.repo, ["cat-file", "blob", "main:big.txt"]);
    expect(big).toMatchObject({ content: null, too_large: true, size: Buffer.byteLength(`${content}\n`), content_sha256: sha256(`${content}\n`), binary: false });
    expect(content.split("\n")).toHaveLength(BIG_LINES);
    expect((await blobAt(sample.repo, "main", "big.txt")).content).not.toBeNull();
  });

  it("answers 404 Commit Not Found for a ref, 404 File Not Found for what is not a file", async () => {
    const { repo } = sample;
    await expect(blobAt(repo, "nope", "README.md")).rejects.toThrow("404 Commit Not Found");
    for (const missing of ["nope.txt", "src", "vendor/lib", "src/app.ts/x", "../README.md", "/README.md", "src//app.ts"]) {
      await expect(blobAt(repo, "main", missing), missing).rejects.toThrow("404 File Not Found");
    }
    // There before the rename, not after.
    expect((await blobAt(repo, sample.sha.files, "docs/guide.md")).size).toBeGreaterThan(0);
    await expect(blobAt(repo, "main", "docs/guide.md")).rejects.toThrow("404 File Not Found");
  });
});

describe("blobInfo and streamBlob", () => {
  it("gives a blob's size and binary flag by full or short id", async () => {
    const { repo } = sample;
    const logo = await git(repo, ["rev-parse", "main:assets/logo.png"]);
    expect(await blobInfo(repo, logo)).toEqual({ id: logo, size: PNG.length, binary: true });
    const readme = await git(repo, ["rev-parse", "main:README.md"]);
    expect(await blobInfo(repo, readme.slice(0, 12).toUpperCase())).toEqual({ id: readme, size: Buffer.byteLength("# sample-worktree\n"), binary: false });
  });

  it("answers 404 Blob Not Found for a tree, a commit, an unknown id or what is no id", async () => {
    const { repo, sha } = sample;
    const tree = await git(repo, ["rev-parse", "main^{tree}"]);
    for (const id of [tree, sha.head, "0".repeat(40), "xyz", "main", "-p", "--batch-all-objects"]) {
      await expect(blobInfo(repo, id), id).rejects.toThrow("404 Blob Not Found");
    }
  });

  it("streams a blob's whole content, and stops git when the reader goes away", async () => {
    const { repo } = sample;
    const id = await git(repo, ["rev-parse", "main:big.txt"]);
    const content = await buffer(await streamBlob(repo, id));
    expect(content.toString()).toBe(`${await git(repo, ["cat-file", "blob", id])}\n`);
    const early = await streamBlob(repo, id);
    const [first] = await Promise.race([early.take(1).toArray(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no data")), 5000))]);
    expect((first as Buffer).length).toBeGreaterThan(0);
    early.destroy();
    await expect(streamBlob(repo, "0".repeat(40))).rejects.toThrow("404 Blob Not Found");
  });
});

describe("isBinary", () => {
  it("is git's test: a NUL byte among the first 8000 bytes", () => {
    expect(isBinary(Buffer.from("plain text\n"))).toBe(false);
    expect(isBinary(Buffer.from([65, 0, 66]))).toBe(true);
    const late = Buffer.alloc(8001, 65);
    late[8000] = 0;
    expect(isBinary(late)).toBe(false);
    late[7999] = 0;
    expect(isBinary(late)).toBe(true);
    expect(isBinary(Buffer.alloc(0))).toBe(false);
  });
});
