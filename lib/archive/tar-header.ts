/** Tar works in 512-byte blocks: a header block, then the entry's data padded to a whole block. */
export const BLOCK = 512;

export type EntryType =
  | "file"
  | "directory"
  | "symlink"
  | "hardlink"
  | "character-device"
  | "block-device"
  | "fifo"
  | "pax-header"
  | "pax-global-header"
  | "gnu-long-name"
  | "gnu-long-link"
  | "other";

export interface TarHeader {
  name: string;
  mode: number;
  size: number;
  mtime: number;
  type: EntryType;
  linkName: string;
}

/** The archive itself is unreadable (not an entry of it): reading stops. */
export class ArchiveError extends Error {
  constructor(
    readonly kind: "corrupt" | "too_large" | "not_gzip",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ArchiveError";
  }
}

const TYPES: Record<string, EntryType> = {
  "0": "file",
  "\0": "file",
  // Contiguous files are plain files to every reader that is not a 1980s mainframe.
  "7": "file",
  "1": "hardlink",
  "2": "symlink",
  "3": "character-device",
  "4": "block-device",
  "5": "directory",
  "6": "fifo",
  x: "pax-header",
  g: "pax-global-header",
  L: "gnu-long-name",
  K: "gnu-long-link",
};

/** Types whose size field says nothing about data following the header. */
const NO_DATA = new Set<EntryType>(["hardlink", "symlink", "character-device", "block-device", "directory", "fifo"]);

export const paddedSize = (size: number) => Math.ceil(size / BLOCK) * BLOCK;
export const dataSize = (header: Pick<TarHeader, "type" | "size">) => (NO_DATA.has(header.type) ? 0 : header.size);

function text(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString("utf8");
}

/** Octal (NUL or space terminated), or GNU's base-256 for values octal cannot hold (first byte's high bit set). */
function numeric(block: Buffer, start: number, length: number, field: string): number {
  const first = block[start]!;
  if (first & 0x80) {
    // Negative base-256 numbers (0xff) only make sense for old mtimes; refuse them for sizes rather than guess.
    if (first === 0xff) throw new ArchiveError("corrupt", `The archive has a negative ${field}.`);
    let value = first & 0x7f;
    for (let i = start + 1; i < start + length; i += 1) value = value * 256 + block[i]!;
    if (!Number.isSafeInteger(value)) throw new ArchiveError("corrupt", `The archive has a ${field} too large to read.`);
    return value;
  }
  const digits = block
    .subarray(start, start + length)
    .toString("latin1")
    .replace(/[\0 ]+$/, "")
    .replace(/^[\0 ]+/, "");
  if (digits === "") return 0;
  if (!/^[0-7]+$/.test(digits)) throw new ArchiveError("corrupt", `The archive has an invalid ${field} field.`);
  return parseInt(digits, 8);
}

export function isZeroBlock(block: Buffer): boolean {
  for (const byte of block) if (byte !== 0) return false;
  return true;
}

/** Sum of the header bytes with the checksum field counted as spaces (unsigned, as POSIX says; some old tars signed). */
function checksums(block: Buffer): { unsigned: number; signed: number } {
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i += 1) {
    const byte = i >= 148 && i < 156 ? 0x20 : block[i]!;
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  return { unsigned, signed };
}

/** One header block, checked; ustar's prefix is joined to the name (GNU's old format has no prefix field there). */
export function decodeHeader(block: Buffer): TarHeader {
  const stored = numeric(block, 148, 8, "checksum");
  const sums = checksums(block);
  if (stored !== sums.unsigned && stored !== sums.signed) throw new ArchiveError("corrupt", "The archive has a header with a bad checksum (not a tar file, or damaged).");
  const magic = block.subarray(257, 263).toString("latin1");
  let name = text(block, 0, 100);
  if (magic === "ustar\0") {
    const prefix = text(block, 345, 155);
    if (prefix) name = `${prefix}/${name}`;
  }
  const flag = String.fromCharCode(block[156]!);
  let type = TYPES[flag] ?? "other";
  // Pre-POSIX archives mark directories by a trailing slash only.
  if (type === "file" && name.endsWith("/")) type = "directory";
  return {
    name,
    mode: numeric(block, 100, 8, "mode"),
    size: numeric(block, 124, 12, "size"),
    mtime: numeric(block, 136, 12, "mtime"),
    type,
    linkName: text(block, 157, 100),
  };
}

/** Records of a pax extended header: `<length> <key>=<value>\n`, the length counting the whole record. */
export function parsePax(data: Buffer): Record<string, string> {
  const records: Record<string, string> = {};
  let offset = 0;
  while (offset < data.length) {
    if (data[offset] === 0) break;
    const space = data.indexOf(0x20, offset);
    const length = space === -1 ? NaN : Number(data.subarray(offset, space).toString("latin1"));
    if (!Number.isInteger(length) || length <= 0 || offset + length > data.length) throw new ArchiveError("corrupt", "The archive has a malformed pax header.");
    const record = data.subarray(space + 1, offset + length - 1).toString("utf8");
    const equals = record.indexOf("=");
    if (equals <= 0) throw new ArchiveError("corrupt", "The archive has a malformed pax header.");
    records[record.slice(0, equals)] = record.slice(equals + 1);
    offset += length;
  }
  return records;
}

/** A pax record with its self-inclusive length prefix. */
export function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  const bodyLength = Buffer.byteLength(body);
  const digits = String(bodyLength).length;
  // Adding the length's own digits can make it one digit longer (98 bytes of body: "101 ...", not "100 ...").
  const length = String(bodyLength + digits).length > digits ? bodyLength + digits + 1 : bodyLength + digits;
  return `${length}${body}`;
}

function writeText(block: Buffer, value: string, start: number, length: number): void {
  block.write(value, start, length, "utf8");
}

function writeOctal(block: Buffer, value: number, start: number, length: number): void {
  writeText(block, `${value.toString(8).padStart(length - 1, "0")}\0`, start, length);
}

export interface HeaderInput {
  name: string;
  size: number;
  mode: number;
  mtime: number;
  typeflag: string;
  linkName?: string;
}

/** Fits in a ustar header as is (ASCII, short enough, size in 11 octal digits); else it needs a pax header first. */
export function fitsUstar(input: Pick<HeaderInput, "name" | "size" | "linkName">): boolean {
  const ascii = (value: string) => /^[\x20-\x7e]*$/.test(value);
  return ascii(input.name) && input.name.length <= 100 && ascii(input.linkName ?? "") && (input.linkName ?? "").length <= 100 && input.size < 8 ** 11;
}

/** A ustar header block. Fields that do not fit are cut: the pax header before it carries the full values. */
export function encodeHeader(input: HeaderInput): Buffer {
  const block = Buffer.alloc(BLOCK);
  writeText(block, input.name.slice(0, 100), 0, 100);
  writeOctal(block, input.mode, 100, 8);
  writeOctal(block, 0, 108, 8);
  writeOctal(block, 0, 116, 8);
  writeOctal(block, Math.min(input.size, 8 ** 11 - 1), 124, 12);
  writeOctal(block, Math.max(0, Math.min(Math.floor(input.mtime), 8 ** 11 - 1)), 136, 12);
  block.write(input.typeflag, 156, 1, "latin1");
  writeText(block, (input.linkName ?? "").slice(0, 100), 157, 100);
  block.write("ustar\0", 257, 6, "latin1");
  block.write("00", 263, 2, "latin1");
  block.fill(0x20, 148, 156);
  const { unsigned } = checksums(block);
  writeText(block, `${unsigned.toString(8).padStart(6, "0")}\0 `, 148, 8);
  return block;
}
