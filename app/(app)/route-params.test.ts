import { describe, expect, it } from "vitest";
import { pageOf } from "./route-params";

describe("pageOf", () => {
  it("takes a positive whole page number, 1 for anything else, and caps absurd ones", () => {
    expect(pageOf(undefined)).toBe(1);
    expect(pageOf("3")).toBe(3);
    expect(["0", "-2", "1.5", "abc", "", "Infinity"].map(pageOf)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(pageOf("99999999999999999999")).toBe(1);
    expect(pageOf("2000000")).toBe(100_000);
  });
});
