import { describe, expect, it } from "vitest";
import { getConfig } from "@/lib/config";
import { withLoadSlot } from "./load-slots";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("withLoadSlot", () => {
  it("runs at most FERRY_IMPORT_LOAD_CONCURRENCY loads at once, the others in the order they came, a failure freeing its slot", async () => {
    const limit = getConfig().FERRY_IMPORT_LOAD_CONCURRENCY;
    expect(limit).toBeGreaterThanOrEqual(1);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const load = (i: number) =>
      withLoadSlot(async () => {
        started.push(i);
        most = Math.max(most, ++running);
        await sleep(10);
        running -= 1;
        if (i === 1) throw new Error("bad chunk");
        return i;
      });
    const results = await Promise.allSettled(Array.from({ length: limit * 3 + 1 }, (_, i) => load(i)));
    expect(most).toBe(limit);
    expect(started).toEqual(Array.from({ length: limit * 3 + 1 }, (_, i) => i));
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
    // Every slot is free again: as many loads as slots start at once.
    let now = 0;
    await Promise.all(Array.from({ length: limit }, () => withLoadSlot(async () => void (now += 1))));
    expect(now).toBe(limit);
  });
});
