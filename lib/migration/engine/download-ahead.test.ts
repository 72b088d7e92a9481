import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { downloadAhead } from "./download-ahead";

const bytesOf = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/**
 * A download of `count` pieces of 1 KiB, as a socket gives them: pulled one at a time (`pulled` says how far), failing
 * at `failAt`, or waiting at `waitAt` for data that never comes.
 */
function download(count: number, options: { failAt?: number; waitAt?: number } = {}) {
  const state = { pulled: 0, destroyed: false };
  const body = new Readable({
    highWaterMark: 1,
    read() {
      const i = state.pulled;
      if (i === count) return void this.push(null);
      if (i === options.failAt) return void this.destroy(new Error("connection reset"));
      if (i === options.waitAt) return;
      state.pulled += 1;
      this.push(Buffer.alloc(1024, i % 256));
    },
  });
  body.on("close", () => (state.destroyed = true));
  const expected = Buffer.concat(Array.from({ length: count }, (_, i) => Buffer.alloc(1024, i % 256)));
  return { body, state, expected };
}

describe("downloadAhead", () => {
  it("reads a download under its bound to the end before it answers, then gives the same bytes", async () => {
    const { body, state, expected } = download(8);
    const ahead = await downloadAhead(body, 64 * 1024);
    expect(state.pulled).toBe(8);
    expect((await bytesOf(ahead)).equals(expected)).toBe(true);
  });

  it("stops reading ahead at its bound and streams the rest as it is read", async () => {
    const { body, state, expected } = download(64);
    const ahead = await downloadAhead(body, 8 * 1024);
    // The bound and what the stream buffers ahead of it, not the whole download.
    expect(state.pulled).toBeGreaterThanOrEqual(8);
    expect(state.pulled).toBeLessThan(20);
    expect((await bytesOf(ahead)).equals(expected)).toBe(true);
    expect(state.pulled).toBe(64);
  });

  it("gives a failure met while reading ahead after the bytes read before it", async () => {
    const { body } = download(8, { failAt: 5 });
    const ahead = await downloadAhead(body, 64 * 1024);
    const got: Buffer[] = [];
    const error = await (async () => {
      for await (const chunk of ahead) got.push(chunk as Buffer);
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ message: "connection reset" });
    expect(Buffer.concat(got).length).toBe(5 * 1024);
  });

  it("destroys the download when its reader stops early", async () => {
    const { body, state } = download(64);
    const ahead = await downloadAhead(body, 4 * 1024);
    for await (const chunk of ahead) {
      expect((chunk as Buffer).length).toBe(1024);
      break;
    }
    await new Promise((r) => setTimeout(r, 10));
    expect(state.destroyed).toBe(true);
    expect(state.pulled).toBeLessThan(64);
  });

  it("stops with a cancel, even while the download waits on the network", async () => {
    const { body, state } = download(64, { waitAt: 20 });
    const ahead = await downloadAhead(body, 4 * 1024);
    const reading = bytesOf(ahead).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    expect(state.destroyed).toBe(false);
    // As a cancel does: the download and the stream read from it are destroyed together.
    const stopped = new Error("canceled");
    body.destroy(stopped);
    ahead.destroy(stopped);
    expect(await reading).toBe(stopped);
    expect(state.destroyed).toBe(true);
    expect(state.pulled).toBe(20);
  });
});
