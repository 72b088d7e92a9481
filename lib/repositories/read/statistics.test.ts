import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { git, temporaryDirectory } from "@/test/helpers/git-client";
import { buildSampleRepository, type SampleRepository } from "./_test/sample-repository";
import { repositoryStatistics } from "./statistics";

const root = temporaryDirectory("ferry-read-statistics-");
let sample: SampleRepository;

beforeAll(async () => {
  sample = await buildSampleRepository(root);
});

const kib = (output: string, name: string) => Number(new RegExp(`^${name}: (\\d+)$`, "m").exec(output)![1]);

describe("repositoryStatistics", () => {
  it("counts HEAD's commits, branches and tags, and the objects' size on disk in bytes", async () => {
    const { repo } = sample;
    const objects = await git(repo, ["count-objects", "-v"]);
    expect(await repositoryStatistics(repo)).toEqual({
      commit_count: Number(await git(repo, ["rev-list", "--count", "HEAD"])),
      repository_size: (kib(objects, "size") + kib(objects, "size-pack")) * 1024,
      branch_count: 8,
      tag_count: 3,
    });
    expect(kib(objects, "size") + kib(objects, "size-pack")).toBeGreaterThan(0);
  });

  it("is all zeros but the size for an empty repository", async () => {
    const empty = path.join(root, "empty.git");
    await git(root, ["init", "--quiet", "--bare", empty]);
    expect(await repositoryStatistics(empty)).toMatchObject({ commit_count: 0, branch_count: 0, tag_count: 0 });
  });
});
