import { createHash } from "node:crypto";
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
  /**
   * A file relation (uploads, lfs_objects): tar entries, archived and gzipped per download, so a batch is a slice of
   * them. `before` and `after(slice)` are written around the slice in every download and are not counted as objects
   * (the `./` of `tar -C <dir> .`, the `lfs_objects.json` that lists a batch's objects).
   */
  | {
      readonly kind: "archive";
      readonly entries: readonly ArchiveEntry[];
      readonly before?: readonly ArchiveEntry[];
      readonly after?: (slice: readonly ArchiveEntry[]) => ArchiveEntry[];
    }
  /**
   * A repository relation (`repository`, `design`): `git bundle create --all` of the bare repository at `path`, as
   * `./<bundle>` in a tar, gzipped; no bundle for an empty or missing repository (GitLab's RepositoryBundleExportService).
   * Made when the export starts; always one object, never batched.
   */
  | { readonly kind: "repository"; readonly path: string | null; readonly bundle: string }
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
/** The `./` that `tar -cf <file> -C <dir> .` writes first. */
export const ROOT_ENTRY: ArchiveEntry = { name: "./", type: "directory" };
/** A project's repository (or design repository, with `design.bundle`) as its bare repository on disk; null: none. */
export const fromRepository = (path: string | null, bundle = "repository.bundle"): RelationSource => ({ kind: "repository", path, bundle });

/** One LFS object of a project's `lfs_objects` relation; `types` are its repository types (default `["project"]`). */
export interface LfsObject {
  data: Buffer;
  /** Default: the SHA-256 of `data`, as GitLab names them. Give another to serve an object whose name lies. */
  oid?: string;
  types?: (string | null)[];
}

/**
 * `lfs_objects.tar.gz` as GitLab's LfsObjectsExportService writes it: `./<oid>` per object and `./lfs_objects.json`
 * (`{"<oid>": ["project", ...]}`) listing the objects of the download (of the batch, in a batched export).
 */
export function fromLfsObjects(objects: readonly LfsObject[]): RelationSource {
  const types = new Map<string, (string | null)[]>();
  const entries = objects.map((object): ArchiveEntry => {
    const oid = object.oid ?? createHash("sha256").update(object.data).digest("hex");
    types.set(`./${oid}`, object.types ?? ["project"]);
    return { name: `./${oid}`, data: object.data };
  });
  const listing = (slice: readonly ArchiveEntry[]) =>
    Buffer.from(JSON.stringify(Object.fromEntries(slice.map((entry) => [entry.name.slice(2), types.get(entry.name) ?? ["project"]]))));
  return { kind: "archive", entries, before: [ROOT_ENTRY], after: (slice) => [{ name: "./lfs_objects.json", data: listing(slice) }] };
}

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
    case "repository":
      // GitLab counts a repository as one object, with or without a bundle.
      return Promise.resolve(1);
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
    case "repository":
      throw new Error(`A file relation (${source.kind}) has no NDJSON lines`);
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
