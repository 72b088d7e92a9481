import type { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import { ArchiveError, readTarGz, refusedEntryType, safeRelativePath, type TarEntry } from "@/lib/archive";
import { findUpload, ownerKind } from "@/lib/content";
import { getDb, uploads } from "@/lib/db";
import { AVATAR_SECRET, contentTypeOf, filenameProblem, isUploadSecret, ownerUploadPath, storeUploadFile, uploadKey, UploadTooLargeError } from "@/lib/uploads";
import { RecordError } from "../../errors";
import { ownerOf } from "../support/owner";
import type { EntityContext, FileFailure } from "../support/types";

export interface ArchiveLimits {
  /** Largest archive, decompressed. */
  maxBytes: number;
  /** Largest single file. */
  maxFileBytes: number;
  /** Most files in one archive (one batch). */
  maxFiles: number;
}

const refuse = (message: string, exceptionClass = "BulkImports::Error") => new RecordError(message, exceptionClass);

/** `<secret>/<filename>` of an entry, or why it is not an upload. GitLab's own check: Gitlab::PathTraversal and a link check. */
function uploadPathOf(entry: TarEntry): { secret: string; filename: string } | RecordError {
  const refused = refusedEntryType(entry.type);
  if (refused) return refuse(`${refused}: ${entry.path}`, "Gitlab::ImportExport::Error");
  const segments = safeRelativePath(entry.path);
  if (!segments) return refuse(`Invalid file path (path traversal or absolute path): ${entry.path}`, "Gitlab::PathTraversal::PathTraversalAttackError");
  const [secret, filename] = segments;
  if (segments.length !== 2 || !(isUploadSecret(secret!) || secret === AVATAR_SECRET)) return refuse(`Not an upload path (expected <secret>/<filename>): ${entry.path}`);
  const problem = filenameProblem(filename!);
  if (problem) return refuse(problem);
  return { secret: secret!, filename: filename! };
}

/** Stores one upload unless this entity already did (a replayed batch); returns whether the owner now has it. */
async function storeEntry(entry: TarEntry, secret: string, filename: string, entity: EntityContext, limits: ArchiveLimits): Promise<true | RecordError> {
  const owner = ownerOf(entity);
  const existing = await findUpload(owner, secret, filename);
  if (existing) return existing.importEntityId === entity.entityId ? true : refuse(`The ${ownerKind(owner)} already has an upload ${secret}/${filename}`);

  const storagePath = ownerUploadPath(owner, secret, filename);
  let stored;
  try {
    stored = await storeUploadFile(storagePath, entry.body, { maxBytes: limits.maxFileBytes });
  } catch (error) {
    if (error instanceof UploadTooLargeError) return refuse(error.message, "BulkImports::FileDownloads::Validations::FileSizeError");
    throw error;
  }
  // A concurrent replay may have inserted the row meanwhile: the unique (owner, secret, name) keeps it at one row,
  // and its file is the same one renamed into place.
  const ownerColumn = owner.groupId !== undefined ? uploads.groupId : uploads.projectId;
  await getDb()
    .insert(uploads)
    .values({
      secret,
      filename,
      storagePath,
      size: stored.size,
      sha256: stored.sha256,
      contentType: contentTypeOf(filename),
      importEntityId: entity.entityId,
      importKey: uploadKey(secret, filename),
      ...owner,
    })
    .onConflictDoNothing({ target: [ownerColumn, uploads.secret, uploads.filename], where: sql`${ownerColumn} IS NOT NULL` });
  return true;
}

/**
 * GitLab's UploadsPipeline, streamed: gunzip, read the tar entry by entry, and store each `<secret>/<filename>` as an
 * upload of the group, keeping its secret (see the pipeline). Nothing is extracted to a temporary directory: each
 * file goes straight to its place, checked first. A bad entry (link, device, traversal, odd name, too large) is one
 * failure and the rest go on; the group's avatar (`avatar/`) is the avatar pipeline's and is passed over (counted).
 * Counts are absolute for the archive: a replay counts the uploads it finds already stored as imported.
 */
export async function importUploadsArchive(
  body: Readable,
  entity: EntityContext,
  limits: ArchiveLimits,
  fail: (failure: FileFailure) => Promise<void>,
): Promise<{ fetched: number; imported: number }> {
  let fetched = 0;
  let imported = 0;
  try {
    for await (const entry of readTarGz(body, { maxBytes: limits.maxBytes })) {
      if (entry.type === "directory") continue;
      const target = uploadPathOf(entry);
      if (fetched >= limits.maxFiles) {
        await fail({ error: refuse(`The archive has more than ${limits.maxFiles} files; the rest are not imported`), position: 0 });
        break;
      }
      fetched += 1;
      const where = { title: entry.path, position: entry.index };
      if (target instanceof RecordError) {
        await fail({ error: target, ...where });
        continue;
      }
      // The avatar pipeline brings the avatar in (from the API, as GitLab's did); counted, so the counts match the source's.
      if (target.secret === AVATAR_SECRET) {
        imported += 1;
        continue;
      }
      if (entry.size > limits.maxFileBytes) {
        await fail({ error: refuse(`${entry.path} is ${entry.size} bytes, over the limit of ${limits.maxFileBytes}`, "BulkImports::FileDownloads::Validations::FileSizeError"), ...where });
        continue;
      }
      const result = await storeEntry(entry, target.secret, target.filename, entity, limits);
      if (result === true) imported += 1;
      else await fail({ error: result, ...where });
    }
  } catch (error) {
    // Retrying cannot help an archive that is too large or not gzip; a corrupt one may be a download cut short.
    if (error instanceof ArchiveError && error.kind !== "corrupt") {
      await fail({ error: refuse(error.message, `BulkImports::ArchiveError::${error.kind}`), position: 0 });
      return { fetched, imported };
    }
    throw error;
  }
  return { fetched, imported };
}
