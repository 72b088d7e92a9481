import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { CLIENT_ENV } from "@/test/helpers/git-client";
import { filePathProblem, refNameProblem, revisionProblem } from "./refs";

const VALID_REFS = ["main", "feature/login", "v1.0", "release-2024.01", "refs/heads/main", "refs/tags/v1.0.0", "a/b/c", "ünïcødé", "x@y", "foo.locked", "a.b", "1", "a_b+c=d,e"];
const INVALID_REFS = {
  "": "The name is empty.",
  "--upload-pack=touch /tmp/pwned": "The name cannot start with '-'.",
  "-x": "The name cannot start with '-'.",
  "a..b": "The name cannot contain '..'.",
  "refs/heads/x.lock": "No part of the name can end with '.lock'.",
  "x.lock/y": "No part of the name can end with '.lock'.",
  "../../etc": "The name cannot contain '..'.",
  "a/.../b": "The name cannot contain '..'.",
  "./a": "No part of the name can start with '.'.",
  ".hidden": "No part of the name can start with '.'.",
  "a/.b": "No part of the name can start with '.'.",
  "a b": "The name cannot contain spaces or control characters.",
  "a\tb": "The name cannot contain spaces or control characters.",
  "a\nb": "The name cannot contain spaces or control characters.",
  "a\x7fb": "The name cannot contain spaces or control characters.",
  "a\0b": "The name cannot contain spaces or control characters.",
  "a~1": "The name cannot contain any of ~ ^ : ? * [ \\.",
  "a^": "The name cannot contain any of ~ ^ : ? * [ \\.",
  "a:b": "The name cannot contain any of ~ ^ : ? * [ \\.",
  "a?": "The name cannot contain any of ~ ^ : ? * [ \\.",
  "a*": "The name cannot contain any of ~ ^ : ? * [ \\.",
  "a[b": "The name cannot contain any of ~ ^ : ? * [ \\.",
  "a\\b": "The name cannot contain any of ~ ^ : ? * [ \\.",
  "/a": "The name cannot start or end with '/' or contain '//'.",
  "a/": "The name cannot start or end with '/' or contain '//'.",
  "a//b": "The name cannot start or end with '/' or contain '//'.",
  "a.": "The name cannot end with '.'.",
  "@": "The name cannot be '@'.",
  "HEAD": "The name cannot be 'HEAD'.",
  "a@{1}": "The name cannot contain '@{'.",
  [`a/${"x".repeat(254)}`]: "The name is longer than 255 bytes.",
};
// Refused on purpose although git takes them: an option, and a name git reads as something else.
const STRICTER_THAN_GIT = new Set(["--upload-pack=touch /tmp/pwned", "-x", "HEAD", `a/${"x".repeat(254)}`]);

describe("refNameProblem", () => {
  it("accepts valid branch and tag names, short and full", () => {
    for (const name of VALID_REFS) expect(refNameProblem(name), name).toBeNull();
  });

  it("refuses each kind of invalid name with its reason", () => {
    for (const [name, problem] of Object.entries(INVALID_REFS)) expect(refNameProblem(name), JSON.stringify(name)).toBe(problem);
  });

  it("agrees with `git check-ref-format --allow-onelevel` everywhere it is not stricter on purpose", () => {
    const names = [...VALID_REFS, ...Object.keys(INVALID_REFS)].filter((name) => !STRICTER_THAN_GIT.has(name) && !name.includes("\0"));
    for (const name of names) {
      const git = spawnSync("git", ["check-ref-format", "--allow-onelevel", name], { env: CLIENT_ENV });
      expect(refNameProblem(name) === null, JSON.stringify(name)).toBe(git.status === 0);
    }
  });
});

describe("revisionProblem", () => {
  it("accepts commit ids, HEAD and branch or tag names", () => {
    for (const revision of ["HEAD", "main", "v1.0", "refs/heads/main", "abcd", "0123456789abcdef0123456789abcdef01234567", "A1B2C3D4"]) expect(revisionProblem(revision), revision).toBeNull();
  });

  it("refuses options and revision syntax", () => {
    expect(revisionProblem("--output=/tmp/x")).toBe("Not a commit id, branch or tag: The name cannot start with '-'.");
    for (const revision of ["-n", "main~1", "HEAD^", "a..b", "a...b", "@{u}", "main@{yesterday}", ":/fix", "main:README.md", ""]) {
      expect(revisionProblem(revision), revision).not.toBeNull();
    }
  });
});

describe("filePathProblem", () => {
  it("accepts paths inside the tree", () => {
    for (const filePath of ["README.md", "docs/intro.md", "-dash.txt", "a b/c d", "..foo", "foo..", ".gitlab-ci.yml", "dir/.hidden", "ünïcødé/ü"]) expect(filePathProblem(filePath), filePath).toBeNull();
  });

  it("refuses paths that leave the tree, or are not canonical", () => {
    const invalid = {
      "": "The path is empty.",
      "../../etc/passwd": "The path cannot contain '..'.",
      "a/../../b": "The path cannot contain '..'.",
      "..": "The path cannot contain '..'.",
      "/etc/passwd": "The path must be relative to the repository's root.",
      "a\0b": "The path cannot contain a NUL character.",
      "a//b": "The path cannot contain empty or '.' parts.",
      "./a": "The path cannot contain empty or '.' parts.",
      "a/": "The path cannot contain empty or '.' parts.",
      [`${"a/".repeat(2048)}b`]: "The path is longer than 4096 bytes.",
    };
    for (const [filePath, problem] of Object.entries(invalid)) expect(filePathProblem(filePath), JSON.stringify(filePath.slice(0, 20))).toBe(problem);
  });
});
