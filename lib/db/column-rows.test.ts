import { describe, expect, it } from "vitest";
import { isoText, textOf } from "./column-rows";
import { labels } from "./schema";

describe("isoText", () => {
  it("writes what toISOString writes, over the years and milliseconds a record can hold", () => {
    const stamps = [0, 1, 9, 10, 99, 100, 999, Date.UTC(2024, 1, 29, 23, 59, 59, 7), Date.UTC(2016, 5, 14, 15, 2, 47, 967), Date.UTC(1, 0, 1), Date.UTC(999, 11, 31, 1, 2, 3, 45), Date.UTC(9999, 11, 31, 23, 59, 59, 999)];
    for (let i = 0; i < 2000; i++) stamps.push(Date.UTC(1970 + (i % 90), i % 12, 1 + (i % 28), i % 24, (i * 7) % 60, (i * 13) % 60, (i * 37) % 1000));
    for (const ms of stamps) expect(isoText(new Date(ms))).toBe(new Date(ms).toISOString());
  });

  it("leaves years it does not write to toISOString, which also refuses an invalid date", () => {
    expect(isoText(new Date(Date.UTC(10000, 0, 1)))).toBe("+010000-01-01T00:00:00.000Z");
    expect(isoText(new Date(Date.UTC(-1, 0, 1)))).toBe("-000001-01-01T00:00:00.000Z");
    expect(() => isoText(new Date("not a date"))).toThrow(RangeError);
  });
});

describe("textOf", () => {
  it("writes a timestamp column's Date as its ISO text, and other columns through their own mapping", () => {
    const at = new Date(Date.UTC(2019, 5, 27, 13, 14, 29, 5));
    expect(textOf(labels.createdAt, at)).toBe("2019-06-27T13:14:29.005Z");
    expect(textOf(labels.sourceAttributes, { at })).toBe('{"at":"2019-06-27T13:14:29.005Z"}');
    expect(textOf(labels.title, "a\\b")).toBe("a\\b");
    expect(textOf(labels.description, null)).toBeNull();
  });
});
