import { describe, expect, it } from "vitest";
import { compareVersions, isAtLeast, parseVersion, supportsBatchedExport } from "./version";

describe("parseVersion", () => {
  it.each([
    ["17.8.0-ee", { major: 17, minor: 8, patch: 0, suffix: "ee" }],
    ["16.2.0-pre", { major: 16, minor: 2, patch: 0, suffix: "pre" }],
    ["8.13.0-pre", { major: 8, minor: 13, patch: 0, suffix: "pre" }],
    ["15.2-pre", { major: 15, minor: 2, patch: 0, suffix: "pre" }],
    ["14.10.5", { major: 14, minor: 10, patch: 5, suffix: "" }],
    ["16.11.1-ee", { major: 16, minor: 11, patch: 1, suffix: "ee" }],
    ["17.0.0-rc42-ee", { major: 17, minor: 0, patch: 0, suffix: "rc42-ee" }],
    [" v15.5.0 ", { major: 15, minor: 5, patch: 0, suffix: "" }],
  ])("%s", (raw, expected) => {
    expect(parseVersion(raw)).toMatchObject(expected);
  });

  it.each(["", "seventeen", "17", "17.x.0", "<html>", "1.2.3 4"])("%j is not a version", (raw) => {
    expect(parseVersion(raw)).toBeNull();
  });
});

describe("comparing versions", () => {
  it("orders numerically, not as text", () => {
    expect(compareVersions("16.10.0", "16.9.0")).toBeGreaterThan(0);
    expect(compareVersions("9.0.0", "14.0.0")).toBeLessThan(0);
    expect(compareVersions("15.5.0", "15.5")).toBe(0);
    expect(compareVersions("16.2.1-ee", "16.2.0")).toBeGreaterThan(0);
  });

  it("ignores suffixes: a pre-release counts as its version", () => {
    expect(compareVersions("16.2.0-pre", "16.2.0")).toBe(0);
    expect(isAtLeast("15.5.0-pre", "15.5.0")).toBe(true);
    expect(isAtLeast("8.13.0-pre", "14.0.0")).toBe(false);
  });

  it.each([
    ["16.2.0", true],
    ["16.2.0-pre", true],
    ["16.10.0", true],
    ["17.8.0-ee", true],
    ["16.1.9", false],
    ["15.11.13-ee", false],
    ["14.0.0", false],
  ])("supportsBatchedExport(%s) is %s", (version, expected) => {
    expect(supportsBatchedExport(version)).toBe(expected);
  });

  it("refuses to compare something that is not a version", () => {
    expect(() => compareVersions("nope", "1.0.0")).toThrow("Not a GitLab version");
  });
});
