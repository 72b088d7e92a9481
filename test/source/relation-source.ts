import fs from "node:fs";
import readline from "node:readline";

/**
 * Where a relation's records come from. Files are read line by line and generated records are made one at a time, so
 * a relation of any size is served without holding it in memory.
 */
export type RelationSource =
  | { readonly kind: "file"; readonly path: string }
  | { readonly kind: "records"; readonly records: readonly unknown[] }
  /** Raw lines, served verbatim: lets a test serve text that is not JSON at all. */
  | { readonly kind: "lines"; readonly lines: readonly string[] }
  | { readonly kind: "generated"; readonly count: number; readonly make: (index: number) => unknown }
  /** A file relation (uploads): tar entries, archived and gzipped per download, so a batch is a slice of them. */
  | { readonly kind: "archive"; readonly entries: readonly ArchiveEntry[] }
  /** A relation the source does not export at all (no status, no file). */
  | { readonly kind: "absent" };

/** One entry of an archive relation; links, odd paths and sizes are written as given, to test what an importer refuses. */
export interface ArchiveEntry {
  name: string;
  data?: Buffer;
  type?: "file" | "directory" | "symlink" | "hardlink";
  linkName?: string;
}

export const fromFile = (path: string): RelationSource => ({ kind: "file", path });
export const fromRecords = (records: readonly unknown[]): RelationSource => ({ kind: "records", records });
export const fromLines = (lines: readonly string[]): RelationSource => ({ kind: "lines", lines });
/** `make` must be pure: a download is generated twice (once to measure its gzipped length, once to send it). */
export const generated = (count: number, make: (index: number) => unknown): RelationSource => ({ kind: "generated", count, make });
export const emptyRelation: RelationSource = { kind: "lines", lines: [] };
export const fromArchive = (entries: readonly ArchiveEntry[]): RelationSource => ({ kind: "archive", entries });
export const notExported: RelationSource = { kind: "absent" };

const fileCounts = new Map<string, Promise<number>>();

/** Number of records (non-empty lines) in a relation. */
export function countRecords(source: RelationSource): Promise<number> {
  switch (source.kind) {
    case "records":
      return Promise.resolve(source.records.length);
    case "lines":
      return Promise.resolve(source.lines.filter((line) => line.length > 0).length);
    case "generated":
      return Promise.resolve(source.count);
    case "archive":
      return Promise.resolve(source.entries.length);
    case "absent":
      return Promise.resolve(0);
    case "file": {
      // Fixture files never change while a test runs, so one count per path is enough.
      let counted = fileCounts.get(source.path);
      if (!counted) {
        counted = (async () => {
          let count = 0;
          for await (const line of recordLines(source)) if (line) count += 1;
          return count;
        })();
        fileCounts.set(source.path, counted);
      }
      return counted;
    }
  }
}

/** The records with index in [start, end), each as its NDJSON line (without the newline). */
export async function* recordLines(source: RelationSource, start = 0, end = Number.POSITIVE_INFINITY): AsyncGenerator<string> {
  switch (source.kind) {
    case "records":
      for (let i = start; i < Math.min(end, source.records.length); i += 1) yield JSON.stringify(source.records[i]);
      return;
    case "lines": {
      const lines = source.lines.filter((line) => line.length > 0);
      for (let i = start; i < Math.min(end, lines.length); i += 1) yield lines[i] as string;
      return;
    }
    case "generated":
      for (let i = start; i < Math.min(end, source.count); i += 1) yield JSON.stringify(source.make(i));
      return;
    case "archive":
      throw new Error("An archive relation has no NDJSON lines");
    case "absent":
      return;
    case "file": {
      const input = fs.createReadStream(source.path, { encoding: "utf8" });
      const lines = readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
      try {
        let index = 0;
        for await (const line of lines) {
          if (!line) continue;
          if (index >= end) break;
          if (index >= start) yield line;
          index += 1;
        }
      } finally {
        lines.close();
        input.destroy();
      }
      return;
    }
  }
}

/** The parsed records with index in [start, end); for REST pages, which are small. */
export async function readRecords(source: RelationSource, start = 0, end = Number.POSITIVE_INFINITY): Promise<Record<string, unknown>[]> {
  const records: Record<string, unknown>[] = [];
  for await (const line of recordLines(source, start, end)) records.push(JSON.parse(line) as Record<string, unknown>);
  return records;
}
