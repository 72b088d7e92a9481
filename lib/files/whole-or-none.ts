import fs from "node:fs";

/**
 * Creates `file` and lets `write` pipe into it; when that fails, the file is removed, once its stream has closed. A
 * file opens on a thread of libuv's pool and a removal may run on another: removed before the stream has closed, a
 * file still being opened appears after the removal and stays.
 */
export async function writeWholeOrNone(file: string, options: { mode: number; flags?: "w" | "wx" }, write: (out: fs.WriteStream) => Promise<void>): Promise<void> {
  const out = fs.createWriteStream(file, options);
  try {
    await write(out);
  } catch (error) {
    if (!out.closed) {
      const closed = new Promise<void>((resolve) => out.once("close", () => resolve()));
      out.destroy();
      await closed;
    }
    await fs.promises.rm(file, { force: true });
    throw error;
  }
}
