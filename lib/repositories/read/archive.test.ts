import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { beforeAll, describe, expect, it } from "vitest";
import { git, temporaryDirectory } from "@/test/helpers/git-client";
import { buildSampleRepository, type SampleRepository } from "./_test/sample-repository";
import { streamArchive } from "./archive";

const root = temporaryDirectory("ferry-read-archive-");
let sample: SampleRepository;

beforeAll(async () => {
  sample = await buildSampleRepository(root);
});

async function saved(name: string, stream: NodeJS.ReadableStream): Promise<string> {
  const file = path.join(root, name);
  fs.writeFileSync(file, await buffer(stream));
  return file;
}

describe("streamArchive", () => {
  it("streams a tar of the commit's tree, every entry under the prefix", async () => {
    const { repo, sha } = sample;
    const file = await saved("main.tar", await streamArchive(repo, "main", "tar", "sample-main-abc"));
    const entries = execFileSync("tar", ["-tf", file]).toString().trim().split("\n");
    // Files as they are; a submodule as an empty directory.
    const tree = (await git(repo, ["ls-tree", "-r", sha.head])).split("\n").map((line) => ({ type: line.split(" ")[1], name: line.slice(line.indexOf("\t") + 1) }));
    for (const { type, name } of tree) expect(entries).toContain(`sample-main-abc/${name}${type === "commit" ? "/" : ""}`);
    expect(entries.every((entry) => entry.startsWith("sample-main-abc/"))).toBe(true);
    expect(execFileSync("tar", ["-xOf", file, "sample-main-abc/src/app.ts"]).toString()).toBe(await git(repo, ["cat-file", "blob", "main:src/app.ts"]).then((text) => `${text}\n`));
  });

  it("streams tar.gz and zip, at a tag or an older commit", async () => {
    const { repo, sha } = sample;
    const gz = await saved("v1.tar.gz", await streamArchive(repo, "v1.0", "tar.gz", "p/"));
    const entries = execFileSync("tar", ["-tzf", gz]).toString();
    expect(entries).toContain("p/docs/guide.md");
    expect(entries).not.toContain("p/docs/manual.md");
    const zip = await buffer(await streamArchive(repo, sha.rename, "zip", "p"));
    expect(zip.subarray(0, 4).equals(Buffer.from("PK\x03\x04", "latin1"))).toBe(true);
    expect(zip.includes(Buffer.from("p/docs/manual.md"))).toBe(true);
  });

  it("stops git when the reader goes away", async () => {
    const stream = await streamArchive(sample.repo, "main", "tar", "p");
    const [first] = await stream.take(1).toArray();
    expect((first as Buffer).length).toBeGreaterThan(0);
    stream.destroy();
  });

  it("answers 404 File Not Found for an unknown revision and refuses a prefix that leaves the archive", async () => {
    const { repo } = sample;
    await expect(streamArchive(repo, "nope", "tar", "p")).rejects.toThrow("404 File Not Found");
    await expect(streamArchive(repo, "--output=/tmp/ferry-archive", "tar", "p")).rejects.toThrow("404 File Not Found");
    for (const prefix of ["../p", "/abs", "a/../../b", ""]) await expect(streamArchive(repo, "main", "tar", prefix), prefix).rejects.toThrow("Not an archive prefix");
    await expect(streamArchive(repo, "main", "rar" as "tar", "p")).rejects.toThrow("Not an archive format: rar");
    expect(fs.existsSync("/tmp/ferry-archive")).toBe(false);
  });
});
