import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type { TarInput } from "@/lib/archive";

/**
 * A tar member made from text produced a page at a time (a relation's NDJSON): a tar header carries the member's
 * size before its bytes, so the text goes to a scratch file first, and the member streams from it and removes it
 * once read. Only one page of records is in memory, whatever the relation's size.
 */
export async function spooledMember(name: string, chunks: AsyncIterable<string | Buffer>, scratch: string): Promise<TarInput> {
  const file = path.join(scratch, `${randomBytes(8).toString("hex")}.spool`);
  await pipeline(Readable.from(chunks), fs.createWriteStream(file, { mode: 0o600 }));
  const { size } = await fs.promises.stat(file);
  async function* body() {
    try {
      yield* fs.createReadStream(file) as AsyncIterable<Buffer>;
    } finally {
      await fs.promises.rm(file, { force: true });
    }
  }
  return { name, size, body: body() };
}

/** A small member held in memory (VERSION, a group's attributes). */
export function textMember(name: string, text: string): TarInput {
  const bytes = Buffer.from(text);
  return { name, size: bytes.length, body: [bytes] };
}
