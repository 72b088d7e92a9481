import { describe, expect, it } from "vitest";
import { rest } from "./record-fields";

describe("rest", () => {
  it("keeps every field that got no column, a source's __proto__ field as a field", () => {
    const record = JSON.parse('{"title": "t", "color": "#fff", "__proto__": {"polluted": true}, "extra": [1, {"a": null}]}') as Record<string, unknown>;
    const kept = rest(record, ["title", "color"]);
    expect(JSON.parse(JSON.stringify(kept))).toEqual(JSON.parse('{"__proto__": {"polluted": true}, "extra": [1, {"a": null}]}'));
    expect(Object.getPrototypeOf(kept)).toBe(Object.prototype);
    expect(Object.keys(kept)).toEqual(["__proto__", "extra"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
