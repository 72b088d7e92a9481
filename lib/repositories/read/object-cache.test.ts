import { describe, expect, it } from "vitest";
import { ObjectCache, cacheKey } from "./object-cache";

// Each entry also weighs its key and a fixed overhead; these tests use sizes that dwarf both.
const KB = 1024;

describe("ObjectCache", () => {
  it("keeps values up to its byte bound and evicts the least recently used first", () => {
    const cache = new ObjectCache(() => 100 * KB);
    cache.set("a", "A", 10 * KB);
    cache.set("b", "B", 10 * KB);
    cache.set("c", "C", 10 * KB);
    expect(cache.get("a")).toBe("A");
    // Adding 80 KB more than fits pushes out b, the least recently used (a was just read), then c.
    for (let index = 0; index < 8; index++) cache.set(`d${index}`, index, 10 * KB);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe("A");
    expect(cache.stats().bytes).toBeLessThanOrEqual(100 * KB);
    expect(cache.stats().entries).toBeLessThanOrEqual(9);
  });

  it("does not keep a value larger than an eighth of it, which would flush everything else", () => {
    const cache = new ObjectCache(() => 80 * KB);
    cache.set("small", 1, KB);
    cache.set("huge", 2, 11 * KB);
    expect(cache.get("huge")).toBeUndefined();
    expect(cache.get("small")).toBe(1);
  });

  it("loads once for concurrent callers, counts hits and misses, and does not keep failures", async () => {
    const cache = new ObjectCache(() => KB * KB);
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { value: loads };
    };
    const [first, second] = await Promise.all([cache.getOrLoad("k", load, () => 10), cache.getOrLoad("k", load, () => 10)]);
    expect(first).toBe(second);
    expect(loads).toBe(1);
    expect(await cache.getOrLoad("k", load, () => 10)).toBe(first);
    expect(cache.stats()).toMatchObject({ hits: 2, misses: 1, entries: 1 });

    let attempts = 0;
    const failing = async () => {
      attempts++;
      if (attempts === 1) throw new Error("git failed");
      return "ok";
    };
    await expect(cache.getOrLoad("f", failing, () => 1)).rejects.toThrow("git failed");
    expect(await cache.getOrLoad("f", failing, () => 1)).toBe("ok");
    expect(attempts).toBe(2);
  });

  it("replaces a key's value without counting its bytes twice, and clears", () => {
    const cache = new ObjectCache(() => 100 * KB);
    cache.set("a", 1, 10 * KB);
    const once = cache.stats().bytes;
    cache.set("a", 2, 10 * KB);
    expect(cache.stats().bytes).toBe(once);
    expect(cache.get("a")).toBe(2);
    cache.clear();
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it("keys by repository so that one project's object ids never answer another's reads", () => {
    expect(cacheKey("commit", "/repos/a.git", "abc")).not.toBe(cacheKey("commit", "/repos/b.git", "abc"));
    expect(cacheKey("tree", "/r", "abc", true)).not.toBe(cacheKey("tree", "/r", "abc", false));
  });
});
