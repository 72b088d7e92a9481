import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { temporaryDirectory } from "@/test/helpers/git-client";
import { buildSampleRepository, PNG, type SampleRepository } from "./_test/sample-repository";
import { GitNotFoundError } from "./errors";
import { fileAt, openFile } from "./file-view";
import { isImageName, rawType } from "./raw-type";
import { isMarkdownName, readmeIn } from "./readme";

const root = temporaryDirectory("ferry-read-file-view-");
let sample: SampleRepository;

beforeAll(async () => {
  sample = await buildSampleRepository(root);
});

async function text(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("fileAt", () => {
  it("gives a small text file's content, type and mode", async () => {
    const { repo, sha } = sample;
    const file = await fileAt(repo, sha.head, "src/app.ts", { maxBytes: 1024 });
    expect(file).toMatchObject({ path: "src/app.ts", name: "app.ts", binary: false, tooLarge: false, executable: false, symlink: false, content: 'export const app = "ferry";\nexport const version = 2;\n' });
    expect(file.size).toBe(Buffer.byteLength(file.content!));
    expect(await fileAt(repo, sha.head, "bin/run.sh", { maxBytes: 1024 })).toMatchObject({ executable: true, content: "#!/bin/sh\necho run\n" });
    expect(await fileAt(repo, sha.head, "app-link", { maxBytes: 1024 })).toMatchObject({ symlink: true, content: "src/app.ts" });
    expect(await fileAt(repo, sha.head, "-p", { maxBytes: 1024 })).toMatchObject({ name: "-p", content: "a file whose name looks like an option\n" });
  });

  it("leaves out the content of binary files and of files over the limit", async () => {
    const { repo, sha } = sample;
    expect(await fileAt(repo, sha.head, "assets/logo.png", { maxBytes: 1024 })).toMatchObject({ binary: true, content: null, tooLarge: false, size: PNG.length });
    const big = await fileAt(repo, sha.head, "big.txt", { maxBytes: 1024 });
    expect(big).toMatchObject({ binary: false, content: null, tooLarge: true });
    expect(big.size).toBeGreaterThan(100_000);
  });

  it("is 404 File Not Found for a directory, a submodule, a missing file or a path that cannot be one", async () => {
    const { repo, sha } = sample;
    for (const path of ["src", "vendor/lib", "nope.txt", "../x", "src//app.ts", ""]) {
      await expect(fileAt(repo, sha.head, path, { maxBytes: 1024 }), path).rejects.toBeInstanceOf(GitNotFoundError);
    }
  });
});

describe("openFile", () => {
  it("streams a file whole, however large, with its size and binary flag", async () => {
    const { repo, sha } = sample;
    const big = await openFile(repo, sha.head, "big.txt");
    expect(big).toMatchObject({ name: "big.txt", binary: false });
    const content = await text(big.stream);
    expect(content.length).toBe(big.size);
    expect(content.toString().split("\n")[2999]).toBe("line 2999 of a file too large to show");
    const logo = await openFile(repo, sha.head, "assets/logo.png");
    expect(logo.binary).toBe(true);
    expect((await text(logo.stream)).equals(PNG)).toBe(true);
    await expect(openFile(repo, sha.head, "src")).rejects.toBeInstanceOf(GitNotFoundError);
  });
});

describe("rawType", () => {
  it("sends text as plain text whatever its name, raster images as themselves, anything else as a download", () => {
    expect(rawType("index.html", false)).toEqual({ contentType: "text/plain; charset=utf-8", inline: true });
    expect(rawType("logo.svg", false)).toEqual({ contentType: "text/plain; charset=utf-8", inline: true });
    expect(rawType("logo.PNG", true)).toEqual({ contentType: "image/png", inline: true });
    expect(rawType("photo.jpeg", true)).toEqual({ contentType: "image/jpeg", inline: true });
    expect(rawType("page.html", true)).toEqual({ contentType: "application/octet-stream", inline: false });
    expect(rawType("logo.svg", true)).toEqual({ contentType: "application/octet-stream", inline: false });
    expect(rawType("app", true)).toEqual({ contentType: "application/octet-stream", inline: false });
    expect([isImageName("a.gif"), isImageName("a.svg"), isImageName(".png"), isImageName("png")]).toEqual([true, false, false, false]);
  });
});

describe("readmeIn", () => {
  it("finds a directory's README, Markdown first, and nothing where there is none", async () => {
    const { repo, sha } = sample;
    expect(await readmeIn(repo, sha.head, "", { maxBytes: 1024 })).toMatchObject({ path: "README.md", content: "# sample-worktree\n" });
    expect(await readmeIn(repo, sha.head, "src", { maxBytes: 1024 })).toBeNull();
    await expect(readmeIn(repo, sha.head, "nope", { maxBytes: 1024 })).rejects.toBeInstanceOf(GitNotFoundError);
    expect(["README.md", "readme.markdown", "README", "README.txt", "notes.md"].map(isMarkdownName)).toEqual([true, true, false, false, true]);
  });
});
