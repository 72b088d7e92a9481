import fs from "node:fs";
import path from "node:path";
import { finished } from "node:stream/promises";
import { ArchiveError, isArchiveRoot, readTarGz, refusedEntryType, safeRelativePath, type TarEntry } from "@/lib/archive";
import { pipeline } from "node:stream/promises";
import { FILES_DIRECTORY, INDEX_FILE, STORE_FILE, type ArchiveGroup, type ArchiveIndex, type StoredRelation } from "./archive-store";

/** The archive failed a check: the import is refused with this message (GitLab's, where GitLab has one). */
export class ArchiveCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ArchiveCheckError";
  }
}

/** The import/export format version GitLab's VersionChecker accepts (Gitlab::ImportExport.version). */
export const ACCEPTED_VERSION = "0.2.4";

export interface ScanLimits {
  /** Largest decompressed archive, bytes (GitLab's max_decompressed_archive_size). */
  maxDecompressedBytes: number;
  /** Longest JSON document (one NDJSON line, or a group's `.json`), bytes: GitLab's 50 MB. */
  maxLineBytes: number;
}

const SMALL_FILE_BYTES = 4096;
const GROUP_JSON = /^tree\/groups\/(\d{1,18})\.json$/;
const GROUP_RELATION = /^tree\/groups\/(\d{1,18})\/([a-z_]{1,64})\.ndjson$/;
const ALL_GROUPS = "tree/groups/_all.ndjson";
const PROJECT_JSON = "tree/project.json";
const PROJECT_RELATION = /^tree\/project\/([a-z_]{1,64})\.ndjson$/;
/**
 * The files of a project archive the import reads (reference §1.1): bundles, uploads (any path below `uploads/`: the
 * uploads step checks each as GitLab's UploadsManager does), the avatar, LFS objects by oid and their listing.
 */
const PROJECT_FILE = /^(project(\.wiki|\.design)?\.bundle|snippets\/[0-9a-f]{64}\.bundle|uploads\/.+|avatar\/[^/]+|lfs-objects\/[0-9a-f]{64}|lfs-objects\.json)$/;

/** Which export an archive should be: a group's (`tree/groups/`) or a project's (`tree/project.json`). */
export type ArchiveKind = "group" | "project";

async function readSmall(entry: TarEntry, limit: number): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of entry.body) {
    size += chunk.length;
    if (size > limit) throw new ArchiveCheckError(`File too large: ${entry.path}`);
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString("utf8");
}

/** Waits for the stream to take more, or to end (failed): one pair of listeners, removed again. */
export function drained(out: fs.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off("drain", done);
      out.off("close", done);
      resolve();
    };
    out.on("drain", done);
    out.on("close", done);
  });
}

const lineLimitMessage = (limit: number, name: string) => `JSON exceeds ${Math.round(limit / 1_048_576)} MB limit in ${name}`;

/**
 * Appends members' data to one file, recording where each went: the relation store the import reads from later, so
 * that nothing is unpacked into a directory tree and no member is read from the archive twice.
 */
class RelationStore {
  private readonly out: fs.WriteStream;
  private position = 0;
  private failure: unknown;

  constructor(file: string) {
    this.out = fs.createWriteStream(file, { mode: 0o600 });
    // A disk error surfaces at the next write or at close, not as an unhandled event.
    this.out.on("error", (error) => (this.failure ??= error));
  }

  private async write(bytes: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    this.position += bytes.length;
    if (!this.out.write(bytes)) await drained(this.out);
  }

  /** A member's NDJSON, each line checked against the limit as it streams past; blank lines are not records. */
  async appendNdjson(body: AsyncIterable<Buffer>, name: string, maxLine: number): Promise<StoredRelation> {
    const offset = this.position;
    let count = 0;
    let lineLength = 0;
    let lineHasText = false;
    for await (const chunk of body) {
      let start = 0;
      for (;;) {
        const newline = chunk.indexOf(10, start);
        const end = newline === -1 ? chunk.length : newline;
        lineLength += end - start;
        if (lineLength > maxLine) throw new ArchiveCheckError(lineLimitMessage(maxLine, name));
        if (!lineHasText && end > start && /\S/.test(chunk.toString("latin1", start, Math.min(end, start + 64)))) lineHasText = true;
        if (newline === -1) break;
        if (lineHasText) count += 1;
        lineLength = 0;
        lineHasText = false;
        start = newline + 1;
      }
      await this.write(chunk);
    }
    if (lineLength > 0) {
      if (lineHasText) count += 1;
      await this.write(Buffer.from("\n"));
    }
    return { offset, length: this.position - offset, count };
  }

  async appendLine(text: string): Promise<StoredRelation> {
    const offset = this.position;
    await this.write(Buffer.from(`${text}\n`));
    return { offset, length: this.position - offset, count: 1 };
  }

  async close(): Promise<void> {
    await finished(this.out.end());
    if (this.failure) throw this.failure;
  }

  destroy(): void {
    this.out.destroy();
  }
}

interface Found {
  version: string | null;
  gitlabVersion: string | null;
  legacy: boolean;
  ids: number[] | null;
  attributes: Map<number, { record: Record<string, unknown>; stored: StoredRelation }>;
  relations: Map<number, Record<string, StoredRelation>>;
  /** A project archive's files, by archive name, as kept under the scan's files directory. */
  files: string[];
}

/** The id under which a project archive's `tree/project.json` and relations are found (one project per archive). */
const PROJECT_KEY = 0;

/** Why GNU tar plus GitLab's cleaner would refuse the entry (links, devices), or null to read it; "skip" to drop it. */
function entryVerdict(entry: TarEntry): "skip" | "read" | string {
  // GitLab deletes symlinks and named pipes from the extracted tree without a word.
  if (entry.type === "symlink" || entry.type === "fifo") return "skip";
  if (entry.type === "hardlink") return "File shares hard link";
  const refused = refusedEntryType(entry.type);
  if (refused) return `${refused}: ${entry.path}`;
  if (!safeRelativePath(entry.path)) return `Invalid file path (path traversal or absolute path): ${entry.path}`;
  return entry.type === "directory" ? "skip" : "read";
}

async function scanEntries(archive: string, store: RelationStore, limits: ScanLimits, kind: ArchiveKind, files: string): Promise<Found> {
  const found: Found = { version: null, gitlabVersion: null, legacy: false, ids: null, attributes: new Map(), relations: new Map(), files: [] };
  const input = fs.createReadStream(archive);
  for await (const entry of readTarGz(input, { maxBytes: limits.maxDecompressedBytes })) {
    if (isArchiveRoot(entry)) continue;
    const verdict = entryVerdict(entry);
    if (verdict === "skip") continue;
    if (verdict !== "read") throw new ArchiveCheckError(verdict);
    const name = safeRelativePath(entry.path)!.join("/");
    if (name === "VERSION") {
      found.version = (await readSmall(entry, SMALL_FILE_BYTES)).split("\n")[0]!.trim();
    } else if (name === "GITLAB_VERSION") {
      found.gitlabVersion = (await readSmall(entry, SMALL_FILE_BYTES)).trim().slice(0, 64) || null;
    } else if (kind === "group") {
      await groupMember(name, entry, found, store, limits);
    } else {
      await projectMember(name, entry, found, store, { ...limits, files: path.join(files, FILES_DIRECTORY) });
    }
    // Anything else (EE group wiki bundles, files of newer versions) is not imported: left unread, it is skipped.
  }
  return found;
}

/** A `.json` member: one JSON object, at most one line's limit long. */
async function readObject(entry: TarEntry, name: string, limits: ScanLimits): Promise<Record<string, unknown>> {
  const text = await readSmall(entry, limits.maxLineBytes).catch((error: unknown) => {
    throw error instanceof ArchiveCheckError ? new ArchiveCheckError(lineLimitMessage(limits.maxLineBytes, name)) : error;
  });
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    throw new ArchiveCheckError(`Incorrect JSON format in ${name}`);
  }
  if (!record || typeof record !== "object" || Array.isArray(record)) throw new ArchiveCheckError(`Incorrect JSON format in ${name}`);
  return record as Record<string, unknown>;
}

function addRelation(found: Found, id: number, relation: string, stored: StoredRelation): void {
  const relations = found.relations.get(id) ?? {};
  relations[relation] = stored;
  found.relations.set(id, relations);
}

async function groupMember(name: string, entry: TarEntry, found: Found, store: RelationStore, limits: ScanLimits): Promise<void> {
  if (name === "group.json") {
    found.legacy = true;
  } else if (name === ALL_GROUPS) {
    const text = await readSmall(entry, limits.maxLineBytes);
    const lines = text.split("\n").map((line) => line.trim()).filter(Boolean);
    if (lines.some((line) => !/^\d{1,18}$/.test(line))) throw new ArchiveCheckError("The import file is incompatible");
    found.ids = lines.map(Number);
  } else if (GROUP_JSON.test(name)) {
    const record = await readObject(entry, name, limits);
    found.attributes.set(Number(GROUP_JSON.exec(name)![1]), { record, stored: await store.appendLine(JSON.stringify(record)) });
  } else if (GROUP_RELATION.test(name)) {
    const [, id, relation] = GROUP_RELATION.exec(name)!;
    await addRelation(found, Number(id), relation!, await store.appendNdjson(entry.body, name, limits.maxLineBytes));
  }
}

async function projectMember(name: string, entry: TarEntry, found: Found, store: RelationStore, limits: ScanLimits & { files: string }): Promise<void> {
  if (name === "project.json") {
    found.legacy = true;
  } else if (name === PROJECT_JSON) {
    if (found.attributes.has(PROJECT_KEY)) throw new ArchiveCheckError(`Duplicate file: ${name}`);
    const record = await readObject(entry, name, limits);
    found.attributes.set(PROJECT_KEY, { record, stored: await store.appendLine(JSON.stringify(record)) });
  } else if (PROJECT_RELATION.test(name)) {
    await addRelation(found, PROJECT_KEY, PROJECT_RELATION.exec(name)![1]!, await store.appendNdjson(entry.body, name, limits.maxLineBytes));
  } else if (PROJECT_FILE.test(name)) {
    const target = path.join(limits.files, ...name.split("/"));
    await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    // `wx`: a name the archive holds twice is refused rather than one copy silently replacing the other.
    await pipeline(entry.body, fs.createWriteStream(target, { mode: 0o600, flags: "wx" })).catch((error: NodeJS.ErrnoException) => {
      throw error.code === "EEXIST" ? new ArchiveCheckError(`Duplicate file: ${name}`) : error;
    });
    found.files.push(name);
  }
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

/** GitLab's Group::TreeRestorer order and checks: root first, each other group's parent imported before it. */
function groupTree(found: Found): Pick<ArchiveIndex, "groups" | "skipped"> {
  const groups: ArchiveGroup[] = [];
  const skipped: ArchiveIndex["skipped"] = [];
  const imported = new Set<number>();
  for (const [position, id] of found.ids!.entries()) {
    const attributes = found.attributes.get(id);
    if (!attributes) {
      if (position === 0) throw new ArchiveCheckError("The import file is incompatible");
      skipped.push({ id, message: `Invalid group_id for ${id}` });
      continue;
    }
    const { record, stored } = attributes;
    if (record.id !== undefined && record.id !== id) {
      if (position === 0) throw new ArchiveCheckError(`Invalid group_id for ${id}`);
      skipped.push({ id, message: `Invalid group_id for ${id}` });
      continue;
    }
    const parentId = position === 0 ? null : typeof record.parent_id === "number" ? record.parent_id : null;
    if (position > 0 && (parentId === null || !imported.has(parentId))) {
      skipped.push({ id, message: "Parent group not found" });
      continue;
    }
    imported.add(id);
    groups.push({ id, parentId, name: text(record.name), path: text(record.path), relations: { self: stored, ...found.relations.get(id) } });
  }
  return { groups, skipped };
}

/**
 * Checks a GitLab group export archive (`.tar.gz`) in one streaming pass and writes, into `directory`, the relation
 * store (every group's attributes and relations, as NDJSON) and its index. Every member is checked as it comes:
 * the decompressed size, names that could leave a directory, links and devices, the length of each JSON document,
 * then the format: VERSION, `tree/groups/_all.ndjson` (a legacy `group.json` is refused as GitLab refuses it).
 * Throws ArchiveCheckError (or ArchiveError for a damaged archive) with nothing written left behind.
 */
export function scanGroupArchive(archive: string, directory: string, limits: ScanLimits): Promise<ArchiveIndex> {
  return scanArchive(archive, directory, limits, "group");
}

/** GitLab's VersionChecker: the first line of VERSION must be exactly the format version this importer reads. */
function checkVersion(version: string | null): void {
  if (version === null) throw new ArchiveCheckError("Invalid file: VERSION is missing");
  if (!/^\d+(\.\d+)*$/.test(version)) throw new ArchiveCheckError("Incorrect VERSION format");
  if (version !== ACCEPTED_VERSION) throw new ArchiveCheckError(`Import version mismatch: Required ${ACCEPTED_VERSION} but was ${version}`);
}

/** What a project archive holds, after Project::TreeRestorer's checks: `tree/project.json`, or the legacy format refused. */
function projectOf(found: Found): NonNullable<ArchiveIndex["project"]> {
  const self = found.attributes.get(PROJECT_KEY);
  // GitLab reads only tree/ since 15.10: a root `project.json` is the pre-13.0 format it no longer imports.
  if (!self) throw new ArchiveCheckError(found.legacy ? "invalid import format" : "Invalid file: tree/project.json is missing");
  const { record, stored } = self;
  return {
    id: typeof record.id === "number" && Number.isSafeInteger(record.id) && record.id > 0 ? record.id : 0,
    name: text(record.name),
    path: text(record.path),
    relations: { self: stored, ...found.relations.get(PROJECT_KEY) },
    files: found.files,
  };
}

/**
 * Checks a GitLab export archive (`.tar.gz`), a group's or a project's, in one streaming pass and writes into
 * `directory` the relation store (attributes and relations, as NDJSON), its index and, for a project, the archive's
 * files (bundles, uploads, LFS objects) under `files/`. Every member is checked as it comes: the decompressed size,
 * names that could leave a directory, links and devices, the length of each JSON document; then the format: VERSION,
 * and `tree/groups/_all.ndjson` or `tree/project.json` (a legacy `group.json` / `project.json` is refused as GitLab
 * refuses it). Throws ArchiveCheckError with nothing written left behind.
 */
export async function scanArchive(archive: string, directory: string, limits: ScanLimits, kind: ArchiveKind): Promise<ArchiveIndex> {
  await fs.promises.mkdir(directory, { recursive: true, mode: 0o700 });
  const store = new RelationStore(path.join(directory, STORE_FILE));
  try {
    let found: Found;
    try {
      found = await scanEntries(archive, store, limits, kind, directory);
    } catch (error) {
      if (error instanceof ArchiveError && error.kind === "too_large") throw new ArchiveCheckError("Decompressed archive size validation failed.");
      if (error instanceof ArchiveError) throw new ArchiveCheckError(error.message);
      throw error;
    }
    await store.close();
    let index: ArchiveIndex;
    if (kind === "group") {
      if (!found.ids) throw new ArchiveCheckError("The import file is incompatible");
      checkVersion(found.version);
      if (found.ids.length === 0) throw new ArchiveCheckError("The import file is incompatible");
      index = { gitlabVersion: found.gitlabVersion, ...groupTree(found) };
    } else {
      checkVersion(found.version);
      index = { gitlabVersion: found.gitlabVersion, groups: [], skipped: [], project: projectOf(found) };
    }
    await fs.promises.writeFile(path.join(directory, INDEX_FILE), JSON.stringify(index), { mode: 0o600 });
    return index;
  } catch (error) {
    store.destroy();
    await fs.promises.rm(directory, { recursive: true, force: true });
    throw error;
  }
}
