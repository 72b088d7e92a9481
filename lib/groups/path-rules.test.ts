import { describe, expect, it } from "vitest";
import {
  groupNameError,
  groupPathError,
  isValidGroupPath,
  PATH_FORMAT_MESSAGE,
  pathFromName,
  PROJECT_NAME_MESSAGE,
  PROJECT_PATH_MESSAGE,
  projectNameError,
  projectPathError,
  projectPathFromName,
} from "./path-rules";

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

describe("project path and name rules (GitLab's project path format and oci_repository_path_regex)", () => {
  it.each(["a", "my-project", "my_project", "v1.2", "A1", "x".repeat(255), "gitlab-org"])("accepts %s", (path) => {
    expect(projectPathError(path)).toBeNull();
  });

  it.each(["-lead", "trail-", ".dot", "dot.", "_under", "a--b", "a._b", "has space", "slash/inside", "ünïcode", "per%cent"])("rejects %s: no special character at either end or twice in a row", (path) => {
    expect(projectPathError(path)).toBe(PROJECT_PATH_MESSAGE);
  });

  it("refuses .git and .atom endings, the namespace's route words, blanks and long paths", () => {
    expect(projectPathError("repo.git")).toMatch(/end in '.git'/);
    expect(projectPathError("feed.ATOM")).toMatch(/end in '.atom'/);
    for (const word of ["tree", "Blob", "edit", "raw", "badges"]) expect(projectPathError(word)).toBe(`${word} is a reserved name`);
    // Top-level route words are a group's concern only: a project always sits below a group.
    expect(projectPathError("admin")).toBeNull();
    expect(projectPathError("")).toBe("can't be blank");
    expect(projectPathError("x".repeat(256))).toMatch(/too long/);
  });

  it("makes a valid path from any name, lowercase with single dashes", () => {
    expect(projectPathFromName("My Great Project!")).toBe("my-great-project");
    expect(projectPathFromName("  Café -- Ünïon  ")).toBe("cafe-union");
    expect(projectPathFromName("a_b.c")).toBe("a-b-c");
    expect(projectPathError(projectPathFromName(`${"x".repeat(254)} y`))).toBeNull();
  });

  it("checks project names: '+' allowed, parentheses not, starting with a letter, digit, emoji or '_'", () => {
    for (const name of ["Project", "C++ tools", "émoji 🚀 project", "_internal", "v2.0 - beta"]) expect(projectNameError(name), name).toBeNull();
    for (const name of ["(paren)", "-dash", ".dot", "a/b"]) expect(projectNameError(name), name).toBe(PROJECT_NAME_MESSAGE);
    expect(projectNameError(" ")).toBe("can't be blank");
    expect(projectNameError("n".repeat(256))).toMatch(/too long/);
  });
});
