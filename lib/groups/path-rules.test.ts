import { describe, expect, it } from "vitest";
import { groupNameError, groupPathError, isValidGroupPath, PATH_FORMAT_MESSAGE, pathFromName } from "./path-rules";

describe("group path rules (GitLab's NAMESPACE_FORMAT_REGEX)", () => {
  it.each(["a", "gitlab-org", "my_group", "v1.2", "_private", ".dotfirst", "UPPER", "a-", "x".repeat(255)])("accepts %s", (path) => {
    expect(groupPathError(path, true)).toBeNull();
  });

  it.each(["-lead", "trail.", "has space", "emoji😀", "slash/inside", "repo.git", "feed.atom", "per%cent", "ünïcode"])("rejects %s with the format message", (path) => {
    expect(groupPathError(path, true)).toBe(PATH_FORMAT_MESSAGE);
  });

  it("requires a path and limits its length", () => {
    expect(groupPathError("", true)).toBe("This field is required.");
    expect(groupPathError("x".repeat(256), true)).toMatch(/too long/);
  });

  it("reserves top-level route names case-insensitively, but not for subgroups", () => {
    for (const word of ["admin", "API", "users", "groups", "import", "new"]) expect(groupPathError(word, true)).toMatch(/reserved/);
    expect(isValidGroupPath("admin", false)).toBe(true);
  });

  it("reserves subgroup words that would read as a route of the parent", () => {
    for (const word of ["edit", "tree", "blob", "-"]) expect(groupPathError(word, false)).toMatch(/reserved|special/);
    expect(isValidGroupPath("edit", true)).toBe(true);
  });

  it("suggests a valid path from a name", () => {
    expect(pathFromName("My Great Group!")).toBe("my-great-group");
    expect(pathFromName("  Café Ünïon  ")).toBe("cafe-union");
    expect(pathFromName("release.git")).toBe("release");
    expect(isValidGroupPath(pathFromName("-- weird .. name --"), true)).toBe(true);
  });

  it("checks group names", () => {
    expect(groupNameError("Platform (core) team")).toBeNull();
    expect(groupNameError("  ")).toMatch(/blank/);
    expect(groupNameError("-dash first")).toMatch(/must start/);
  });
});
