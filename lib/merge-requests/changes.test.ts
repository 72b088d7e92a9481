import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, mergeRequestDiffFiles, mergeRequestDiffs, mergeRequests } from "@/lib/db";
import { addedLines } from "@/test/helpers/merge-request-seed";
import { repositoryProject, type RepositoryProject } from "@/test/helpers/repository-project";
import { COLLAPSED_DIFF_BYTES, findMergeRequestDiff, mergeRequestChanges } from ".";
import { diffExcerpt } from "./diff-excerpt";

let root: string;
let sample: RepositoryProject;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "mr-changes-"));
  sample = await repositoryProject(root);
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A merge request of the sample project with a stored diff of one small and one large file, between these shas. */
async function mergeRequestWith(iid: number, base: string, head: string) {
  const db = getDb();
  const [mr] = await db.insert(mergeRequests).values({ projectId: sample.project.id, iid, title: "Feature", sourceBranch: "feature/x", targetBranch: "main", authorId: sample.owner.id }).returning();
  const [diff] = await db.insert(mergeRequestDiffs).values({ mergeRequestId: mr!.id, baseCommitSha: base, headCommitSha: head, filesCount: 2 }).returning();
  const small = addedLines(3);
  const large = addedLines(20_000);
  await db.insert(mergeRequestDiffFiles).values([
    { mergeRequestDiffId: diff!.id, relativeOrder: 0, oldPath: "stored.txt", newPath: "stored.txt", newFile: true, diff: small, diffSize: small.length },
    { mergeRequestDiffId: diff!.id, relativeOrder: 1, oldPath: "big.txt", newPath: "big.txt", newFile: true, diff: large, diffSize: large.length },
  ]);
  return (await findMergeRequestDiff(mr!.id))!;
}

describe("mergeRequestChanges", () => {
  it("reads the changes from git when the repository has both shas", async () => {
    const diff = await mergeRequestWith(1, sample.sha.trailers, sample.sha.feature);
    const changes = await mergeRequestChanges(sample.project.id, diff);
    expect(changes.source).toBe("git");
    expect(changes.files.map((file) => file.new_path).sort()).toEqual(["feature.txt", "files/ruby/app.rb"]);
    expect(changes.files.find((file) => file.new_path === "feature.txt")!.diff).toContain("+feature");
  });

  it("falls back to the stored diff when a sha is gone, leaving a large file's text unread unless expanded", async () => {
    const diff = await mergeRequestWith(2, sample.sha.trailers, "0".repeat(40));
    const changes = await mergeRequestChanges(sample.project.id, diff);
    expect(changes.source).toBe("stored");
    expect(changes.files.map((file) => [file.new_path, file.collapsed, file.diff.length > 0])).toEqual([
      ["stored.txt", false, true],
      ["big.txt", true, false],
    ]);
    const expanded = await mergeRequestChanges(sample.project.id, diff, { expand: ["big.txt"] });
    expect(expanded.files[1]!.collapsed).toBe(false);
    expect(expanded.files[1]!.diff.length).toBeGreaterThan(COLLAPSED_DIFF_BYTES);
  });
});

describe("diffExcerpt", () => {
  const diff = "@@ -1,4 +1,5 @@\n a\n b\n-c\n+C\n+D\n d\n@@ -20,2 +21,2 @@\n x\n y\n";
  it("gives the commented line and up to three before it in its hunk", () => {
    expect(diffExcerpt(diff, { oldLine: null, newLine: 4 }).map((l) => `${l.type}:${l.text}`)).toEqual(["context:b", "removed:c", "added:C", "added:D"]);
    expect(diffExcerpt(diff, { oldLine: 3, newLine: null }).map((l) => l.text)).toEqual(["a", "b", "c"]);
    expect(diffExcerpt(diff, { oldLine: null, newLine: 21 }).map((l) => l.text)).toEqual(["x"]);
    expect(diffExcerpt(diff, { oldLine: null, newLine: 99 })).toEqual([]);
  });
});
