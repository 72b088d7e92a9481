import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { FileTooLargeError, writeHashedFile } from "./hashed-file";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-hashed-file-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("writeHashedFile", () => {
  it("writes, counts and hashes a file", async () => {
    const file = path.join(dir, "whole");
    expect(await writeHashedFile(file, [Buffer.from("hello "), Buffer.from("world")], { maxBytes: 100 })).toEqual({
      size: 11,
      sha256: "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9",
    });
    expect(fs.readFileSync(file, "utf8")).toBe("hello world");
  });

  it("leaves no file behind when it fails before its file is open", async () => {
    // A file opens on a thread of libuv's pool, and another thread may run the removal first: here the open lags.
    const realOpen = fs.open;
    const open = vi.spyOn(fs, "open").mockImplementation(((...args: Parameters<typeof fs.open>) => void setTimeout(() => realOpen(...args), 100)) as typeof fs.open);
    const file = path.join(dir, "failed");
    try {
      const error = await writeHashedFile(
        file,
        (function* () {
          yield Buffer.alloc(64);
          throw new FileTooLargeError(16);
        })(),
        { maxBytes: 1000 },
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FileTooLargeError);
      expect(open).toHaveBeenCalled();
    } finally {
      open.mockRestore();
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(fs.existsSync(file)).toBe(false);
  });
});
