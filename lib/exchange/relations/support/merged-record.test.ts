import { describe, expect, it } from "vitest";
import { mergedRecord } from "./merged-record";

describe("mergedRecord", () => {
  it("gives spread's JSON and key order, later parts winning", () => {
    const columns = { id: 7, title: "Ferry's", created_at: "2024-01-01T00:00:00.000Z" };
    const attributes = { title: "source's", description: "kept", 12: "an integer-like key", created_at: "source's", state: "opened" };
    const extra = { label: { id: 1 } };
    const spread = { ...columns, ...attributes, ...columns, ...extra };
    const merged = mergedRecord(columns, attributes, columns, extra);
    expect(JSON.stringify(merged)).toBe(JSON.stringify(spread));
    expect(Object.keys(merged)).toEqual(Object.keys(spread));
    expect(merged.title).toBe("Ferry's");
    expect(mergedRecord({ a: 1 }, { a: 2 }).a).toBe(2);
  });

  it("ignores null, undefined and false parts as spread does", () => {
    const present = true;
    const absent = false as boolean;
    const nothing = null as Record<string, unknown> | null;
    const unset = undefined as Record<string, unknown> | undefined;
    const spread = { a: 1, ...(absent ? { b: 2 } : {}), ...nothing, ...unset, ...(present ? { c: 3 } : {}) };
    expect(JSON.stringify(mergedRecord({ a: 1 }, absent && { b: 2 }, nothing, unset, present && { c: 3 }))).toBe(JSON.stringify(spread));
  });

  it("keeps a source's __proto__ an ordinary key and the prototype untouched", () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "title": "t"}') as Record<string, unknown>;
    const merged = mergedRecord({ id: 1 }, hostile, { id: 2 });
    expect(JSON.stringify(merged)).toBe(JSON.stringify({ ...{ id: 1 }, ...hostile, ...{ id: 2 } }));
    expect(JSON.stringify(merged)).toBe('{"id":2,"__proto__":{"polluted":true},"title":"t"}');
    expect((merged as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it("copies only own enumerable keys", () => {
    const inherited = Object.create({ inherited: 1 }, { own: { value: 2, enumerable: true }, hidden: { value: 3, enumerable: false } }) as Record<string, unknown>;
    expect(JSON.stringify(mergedRecord(inherited))).toBe(JSON.stringify({ ...inherited }));
    expect(Object.keys(mergedRecord(inherited))).toEqual(["own"]);
  });
});
