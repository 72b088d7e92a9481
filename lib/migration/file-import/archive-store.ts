import fs from "node:fs";
import path from "node:path";
import { getConfig } from "@/lib/config";

/** Where one member's data sits in the relation store: a byte range of NDJSON lines, and how many records it holds. */
export interface StoredRelation {
  offset: number;
  length: number;
  count: number;
}

export interface ArchiveGroup {
  /** The group's id in the exporting instance (the archive's file names). */
  id: number;
  /** The exported parent's id; null for the root. */
  parentId: number | null;
  name: string;
  path: string;
  /** By relation name as the relation export calls it: `self` is `<id>.json`, the rest `<id>/<relation>.ndjson`. */
  relations: Record<string, StoredRelation>;
}

/** The project of a project export archive. */
export interface ArchiveProject {
  /** The project's id in the exporting instance (`tree/project.json`'s `id`), 0 when it has none. */
  id: number;
  name: string;
  path: string;
  /** By relation name: `self` is `tree/project.json`, the rest `tree/project/<relation>.ndjson`. */
  relations: Record<string, StoredRelation>;
  /** The archive's files kept beside the store, by their archive names (`project.bundle`, `uploads/<secret>/<name>`...). */
  files: string[];
}

/**
 * What the scan of an archive found, written beside the relation store. A group archive: the groups to import, root
 * first then in the archive's `_all.ndjson` order (every parent before its children), and where each relation's
 * records are. A project archive: no groups, its project.
 */
export interface ArchiveIndex {
  gitlabVersion: string | null;
  groups: ArchiveGroup[];
  /** Groups of the archive that cannot be imported (bad id, parent missing), with GitLab's reason. */
  skipped: { id: number; message: string }[];
  project?: ArchiveProject;
}

export const INDEX_FILE = "index.json";
export const STORE_FILE = "relations.ndjson";
/** The directory beside the store that holds a project archive's files (bundles, uploads, LFS objects). */
export const FILES_DIRECTORY = "files";

/** `FERRY_DATA_DIR/imports`: uploads being checked, and the relation stores of file imports under way. */
export function importsRoot(): string {
  return path.join(getConfig().dataDir, "imports");
}

/** The directory of one file import's store, by bulk import id. */
export function importDirectory(bulkImportId: number): string {
  return path.join(importsRoot(), String(bulkImportId));
}

const indexes = new Map<number, Promise<ArchiveIndex>>();
const CACHED_INDEXES = 32;

/** The index of a bulk import's archive (cached: an import reads it once per job). */
export function readArchiveIndex(bulkImportId: number): Promise<ArchiveIndex> {
  let index = indexes.get(bulkImportId);
  if (!index) {
    index = fs.promises.readFile(path.join(importDirectory(bulkImportId), INDEX_FILE), "utf8").then((text) => JSON.parse(text) as ArchiveIndex);
    index.catch(() => indexes.delete(bulkImportId));
    indexes.set(bulkImportId, index);
    if (indexes.size > CACHED_INDEXES) indexes.delete(indexes.keys().next().value!);
  }
  return index;
}

/** One group of the archive by its exported id. */
export async function archiveGroup(bulkImportId: number, id: number): Promise<ArchiveGroup | undefined> {
  return (await readArchiveIndex(bulkImportId)).groups.find((group) => group.id === id);
}

/** A store: a bulk import's, or one at a directory (an upload's, before its import exists). */
type StoreAt = number | string;
const storeFile = (at: StoreAt) => path.join(typeof at === "number" ? importDirectory(at) : at, STORE_FILE);

/** Where a project archive's file is kept (its archive name was checked safe by the scan). */
export function storedFilePath(at: StoreAt, name: string): string {
  return path.join(typeof at === "number" ? importDirectory(at) : at, FILES_DIRECTORY, ...name.split("/"));
}

/** A file of a bulk import's project archive, where the scan kept it; null when the archive had none of that name. */
export async function storedArchiveFile(bulkImportId: number, name: string): Promise<string | null> {
  const index = await readArchiveIndex(bulkImportId);
  return index.project?.files.includes(name) ? storedFilePath(bulkImportId, name) : null;
}

/** One relation's records as they were in the archive (NDJSON). */
export function readStoredRelation(at: StoreAt, stored: StoredRelation): fs.ReadStream {
  return fs.createReadStream(storeFile(at), { start: stored.offset, end: stored.offset + stored.length - 1 });
}

/** The store of a finished (or abandoned) file import: its disk is given back. */
export async function removeImportStore(bulkImportId: number): Promise<void> {
  indexes.delete(bulkImportId);
  await fs.promises.rm(importDirectory(bulkImportId), { recursive: true, force: true });
}

/** A small relation's records, parsed (a group's attributes): never a large one, which the engine streams. */
export async function readRecords(at: StoreAt, stored: StoredRelation | undefined): Promise<Record<string, unknown>[]> {
  if (!stored || stored.length === 0) return [];
  const parts: Buffer[] = [];
  for await (const chunk of readStoredRelation(at, stored)) parts.push(chunk as Buffer);
  return Buffer.concat(parts)
    .toString("utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
