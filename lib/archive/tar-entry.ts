import type { Header } from "tar-stream";
import { corrupt } from "./archive-error";

export type EntryType = "file" | "directory" | "symlink" | "hardlink" | "character-device" | "block-device" | "fifo" | "other";

export interface TarEntry {
  /** The name as the archive gives it (pax or GNU long names applied); not checked: see `safeRelativePath`. */
  path: string;
  type: EntryType;
  size: number;
  mode: number;
  linkName: string;
  /** 1-based position among the archive's entries (metadata headers not counted). */
  index: number;
  /** The data; read it (or not) before asking for the next entry. Whatever is left unread is skipped. */
  body: AsyncIterable<Buffer>;
}

/**
 * A header as tar-stream decodes it. Its typings promise more than it delivers: `type` is null for flags it does
 * not know, numbers can be NaN, null or -0, and `pax` holds the records it applied.
 */
export type DecodedHeader = Omit<Header, "type" | "pax"> & { type: Header["type"] | null; pax?: Record<string, string> | null };

const TYPES: Record<Header["type"], EntryType> = {
  file: "file",
  // Contiguous files are plain files to every reader that is not a 1980s mainframe.
  "contiguous-file": "file",
  directory: "directory",
  symlink: "symlink",
  link: "hardlink",
  "character-device": "character-device",
  "block-device": "block-device",
  fifo: "fifo",
};

// tar-stream reads a base-256 field of all 0xff (two's complement -1) as -0.
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0 && !Object.is(value, -0);

/**
 * An entry as Ferry reports it, refusing numbers tar-stream lets through: it parses octal and pax numbers leniently
 * (a size of null, NaN or beyond 2^53 would misplace every later header) and reads negative base-256 values.
 */
export function entryOf(header: DecodedHeader, index: number): Omit<TarEntry, "body"> {
  let type = header.type ? (TYPES[header.type] ?? "other") : "other";
  // Pre-POSIX archives mark directories by a trailing slash only; tar-stream means to but reports a file. Any data
  // after it is skipped (drained unread), as GNU tar does.
  if (type === "file" && header.name.endsWith("/")) type = "directory";
  // GNU tar reads no data after a hard link, tar-stream reads `size` bytes: where the next header is would depend
  // on the reader. Honest archives give links no size.
  if (type === "hardlink" && header.size !== 0) throw corrupt("The archive has a hard link with data.");
  const paxSize = header.pax?.size;
  if (paxSize && !/^\d+$/.test(paxSize)) throw corrupt("The archive has an invalid pax size.");
  if (!isCount(header.size)) throw corrupt("The archive has an entry with an invalid size.");
  if (!isCount(header.mode)) throw corrupt("The archive has an invalid mode field.");
  const mtime = header.mtime?.getTime();
  if (mtime === undefined || !Number.isFinite(mtime)) throw corrupt("The archive has an invalid mtime field.");
  if (mtime < 0) throw corrupt("The archive has a negative mtime.");
  // A directory has no data, whatever its size field says (tar-stream streams none after a directory flag either).
  const size = type === "directory" ? 0 : header.size;
  return { path: header.name, type, size, mode: header.mode, linkName: header.linkname ?? "", index };
}
