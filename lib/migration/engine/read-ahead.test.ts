import { describe, expect, it } from "vitest";
import { readAhead } from "./read-ahead";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("read-ahead", () => {
  it("reads ahead while the consumer works, never more than its bounds, in order, then the source's error", async () => {
    let produced = 0;
    async function* source() {
      for (let i = 0; i < 20; i++) {
        produced += 1;
        yield { i, size: i === 5 ? 1000 : 1 };
      }
      throw new Error("source broke");
    }
    const seen: number[] = [];
    const aheadOf: number[] = [];
    const error = await (async () => {
      for await (const item of readAhead(source(), { maxItems: 4, maxBytes: 100, sizeOf: (x) => x.size, stop: () => undefined })) {
        await sleep(5);
        aheadOf.push(produced - seen.length - 1);
        seen.push(item.i);
      }
    })().catch((e: unknown) => e);
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(error).toMatchObject({ message: "source broke" });
    // While the consumer slept, items were read ahead, but never more than four (nor past the large one's bytes).
    expect(Math.max(...aheadOf)).toBeGreaterThan(0);
    expect(Math.max(...aheadOf)).toBeLessThanOrEqual(4);
  });

  it("stops a source that waits forever when the consumer stops early", async () => {
    let stopped = false;
    let release: () => void = () => undefined;
    async function* source() {
      yield 1;
      // Waits until stopped, as a download waiting on the network would.
      await new Promise<void>((resolve) => (release = resolve));
      if (stopped) throw new Error("destroyed");
      yield 2;
    }
    const consumed: number[] = [];
    for await (const item of readAhead(source(), {
      maxItems: 10,
      maxBytes: 10,
      sizeOf: () => 1,
      stop: () => {
        stopped = true;
        release();
      },
    })) {
      consumed.push(item);
      break;
    }
    expect(consumed).toEqual([1]);
    expect(stopped).toBe(true);
  });
});
