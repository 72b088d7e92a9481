import { describe, expect, it } from "vitest";
import { targetError, targetFullPath, TARGET_MESSAGES, TOP_LEVEL, type ImportTarget } from "./target-rules";

const parent = { id: 7, fullPath: "platform" };

describe("targetError", () => {
  it("checks in GitLab's order and stops at the first failure", () => {
    expect(targetError({ parent: undefined, path: "" }, [], true)).toEqual({ field: "parent", message: TARGET_MESSAGES.parentMissing });
    expect(targetError({ parent, path: "" }, [], true)).toEqual({ field: "path", message: "This field is required." });
    expect(targetError({ parent, path: "bad path" }, [{ parent, path: "bad path" }], true)?.message).toMatch(/^Please choose a group URL with no special characters or spaces/);
    expect(targetError({ parent, path: "api" }, [{ parent, path: "API" }], true)).toEqual({ field: "path", message: TARGET_MESSAGES.usedByAnotherRow });
    expect(targetError({ parent, path: "api" }, [], true)).toEqual({ field: "path", message: TARGET_MESSAGES.exists });
    expect(targetError({ parent, path: "api" }, [], false)).toBeNull();
    expect(targetError({ parent, path: "api" }, [], undefined)).toBeNull();
  });

  it("uses the top-level reserved words only at the top level", () => {
    expect(targetError({ parent: TOP_LEVEL, path: "admin" }, [], false)?.message).toContain("reserved name");
    expect(targetError({ parent, path: "admin" }, [], false)).toBeNull();
    expect(targetError({ parent, path: "tree" }, [], false)?.message).toContain("reserved name");
  });

  it("counts a clash only with another row under the same parent", () => {
    const others: ImportTarget[] = [
      { parent: { id: 8, fullPath: "other" }, path: "web" },
      { parent: TOP_LEVEL, path: "web" },
      { parent: undefined, path: "web" },
    ];
    expect(targetError({ parent, path: "web" }, others, false)).toBeNull();
    expect(targetError({ parent: TOP_LEVEL, path: "Web" }, others, false)?.message).toBe(TARGET_MESSAGES.usedByAnotherRow);
  });
});

describe("targetFullPath", () => {
  it("joins the parent and the path", () => {
    expect(targetFullPath({ parent, path: "api" })).toBe("platform/api");
    expect(targetFullPath({ parent: TOP_LEVEL, path: "api" })).toBe("api");
  });
});
