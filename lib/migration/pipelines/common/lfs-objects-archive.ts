import fs from "node:fs";
import type { Readable } from "node:stream";
import { ArchiveError, isArchiveRoot, readTarGz, topLevelFile, type TarEntry } from "@/lib/archive";
import { LFS_REPOSITORY_TYPES, type LfsRepositoryType } from "@/lib/db";
import { FileTooLargeError } from "@/lib/files";
import { commitLfsObject, isLfsOid, LfsObjectMismatchError, lfsStagingDirectory, linkLfsObject, saveLfsObject, stageLfsObject } from "@/lib/lfs";
import { RecordError } from "../../errors";
import type { FileFailure } from "../support/types";

export const LFS_OBJECTS_JSON = "lfs_objects.json";
// A listing names each object once in ~80 bytes: room for some hundreds of thousands of objects in one archive.
const MAX_JSON_BYTES = 64 * 1024 * 1024;

export interface LfsArchiveLimits {
  /** Largest archive, decompressed. */
  maxBytes: number;
  /** Largest single object. */
  maxObjectBytes: number;
}

const refuse = (message: string, exceptionClass = "BulkImports::Error") => new RecordError(message, exceptionClass);
const JSON_FAILED = "LFS Objects JSON read failed";

async function readListing(entry: TarEntry): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of entry.body) {
    size += chunk.length;
    if (size > MAX_JSON_BYTES) throw refuse(`${JSON_FAILED}: ${LFS_OBJECTS_JSON} is larger than ${MAX_JSON_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** `{"<oid>": ["project", "wiki", ...]}`; GitLab's LfsObjectsPipeline keeps the known types of each (null among them). */
function parseListing(data: Buffer | null): Map<string, (LfsRepositoryType | null)[]> {
  if (data === null) throw refuse(`${JSON_FAILED}: the archive has no ${LFS_OBJECTS_JSON}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.toString("utf8"));
  } catch {
    throw refuse(JSON_FAILED, "JSON::ParserError");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw refuse(JSON_FAILED);
  const known = (type: unknown): type is LfsRepositoryType | null => type === null || (LFS_REPOSITORY_TYPES as readonly unknown[]).includes(type);
  return new Map(Object.entries(parsed).map(([oid, types]) => [oid, Array.isArray(types) ? [...new Set(types.filter(known))] : []]));
}

interface Staged {
  oid: string;
  file: string;
  size: number;
}

/**
 * GitLab's LfsObjectsPipeline, streamed: `lfs_objects.tar.gz` holds `./<oid>` per object and `./lfs_objects.json`
 * (`{"<oid>": [repository types]}`). Each object is hashed while it is written to a private staging directory and
 * kept only when its SHA-256 is its name (else one failure for it, and the rest go on). Only once the whole archive
 * has been read, and found to hold nothing else (no link, device, path, or name that is not an oid) and a listing
 * that parses, are the objects renamed into the store (once per oid, whatever number of projects share it) and
 * linked to the project with their types; anything wrong with the archive itself fails the relation with nothing
 * stored. A replay renames the same content over itself and finds its links made: nothing twice.
 */
export async function importLfsArchive(
  body: Readable,
  projectId: number,
  importEntityId: number,
  limits: LfsArchiveLimits,
  fail: (failure: FileFailure) => Promise<void>,
): Promise<{ fetched: number; imported: number }> {
  const staging = await lfsStagingDirectory();
  try {
    const staged: Staged[] = [];
    let listing: Buffer | null = null;
    let fetched = 0;
    try {
      for await (const entry of readTarGz(body, { maxBytes: limits.maxBytes })) {
        if (isArchiveRoot(entry)) continue;
        const member = topLevelFile(entry);
        if ("problem" in member) throw refuse(`The LFS objects archive is refused: ${member.problem}`, "BulkImports::Error");
        if (member.name === LFS_OBJECTS_JSON) {
          if (listing) throw refuse(`The LFS objects archive holds ${LFS_OBJECTS_JSON} twice`);
          listing = await readListing(entry);
          continue;
        }
        if (!isLfsOid(member.name)) throw refuse(`The LFS objects archive is refused: ${JSON.stringify(entry.path)} is not named by an LFS object id`);
        fetched += 1;
        try {
          staged.push({ oid: member.name, ...(await stageLfsObject(staging, member.name, entry.body, limits.maxObjectBytes)) });
        } catch (error) {
          if (!(error instanceof LfsObjectMismatchError || error instanceof FileTooLargeError)) throw error;
          const exceptionClass = error instanceof FileTooLargeError ? "BulkImports::FileDownloads::Validations::FileSizeError" : "BulkImports::Error";
          await fail({ error: refuse(error.message, exceptionClass), position: entry.index, title: entry.path });
        }
      }
    } catch (error) {
      if (error instanceof ArchiveError) throw refuse(`The LFS objects archive cannot be read: ${error.message}`, `BulkImports::ArchiveError::${error.kind}`);
      throw error;
    }
    if (fetched === 0 && listing === null) return { fetched, imported: 0 };
    const types = parseListing(listing);
    for (const object of staged) {
      await commitLfsObject(object.file, object.oid);
      const id = await saveLfsObject(object.oid, object.size);
      await linkLfsObject(projectId, id, types.get(object.oid) ?? [], importEntityId);
    }
    return { fetched, imported: staged.length };
  } finally {
    await fs.promises.rm(staging, { recursive: true, force: true });
  }
}
