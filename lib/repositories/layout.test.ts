import path from "node:path";
import { describe, expect, it } from "vitest";
import { temporaryDirectory } from "@/test/helpers/git-client";
import { repositoriesRoot, repositoryPath } from "./layout";

const dataDir = temporaryDirectory("ferry-layout-");
process.env.FERRY_DATA_DIR = dataDir;

describe("repositoryPath", () => {
  it("is GitLab's hashed path: sha256 of the id, its first two byte pairs as directories", () => {
    // sha256("1"), as in GitLab's documentation of hashed storage.
    const hash = "6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b";
    expect(repositoriesRoot()).toBe(path.join(dataDir, "repositories"));
    expect(repositoryPath(1, "project")).toBe(path.join(dataDir, "repositories", "@hashed", "6b", "86", `${hash}.git`));
    expect(repositoryPath(1, "wiki")).toBe(path.join(dataDir, "repositories", "@hashed", "6b", "86", `${hash}.wiki.git`));
    expect(repositoryPath(1, "design")).toBe(path.join(dataDir, "repositories", "@hashed", "6b", "86", `${hash}.design.git`));
    expect(path.basename(repositoryPath(42, "project"))).toBe("73475cb40a568e8da8a045ced110137e159f890ac4da883b6b17dc651b3a8049.git");
  });

  it("keeps snippets apart, in GitLab's @snippets with the same hash of the snippet id", () => {
    const hash = "6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b";
    expect(repositoryPath(1, "snippet")).toBe(path.join(dataDir, "repositories", "@snippets", "6b", "86", `${hash}.git`));
    expect(() => repositoryPath(0, "snippet")).toThrow("Not a snippet id: 0");
  });

  it("refuses what is not a project id", () => {
    for (const id of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) expect(() => repositoryPath(id, "project"), String(id)).toThrow(`Not a project id: ${id}`);
  });
});
