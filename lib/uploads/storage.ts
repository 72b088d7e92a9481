import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getConfig } from "@/lib/config";
import type { Owner } from "@/lib/content";
import { writeHashedFile, type HashedFile } from "@/lib/files";

/** Where upload files live: `FERRY_DATA_DIR/uploads/{group,project}/<owner id>/<secret>/<file name>`. */
export function uploadsRoot(): string {
  return path.join(getConfig().dataDir, "uploads");
}

/** The stored (relative) path of a group's upload. Secret and name must have been checked (see names.ts). */
export function groupUploadPath(groupId: number, secret: string, filename: string): string {
  return path.join("group", String(groupId), secret, filename);
}

/** The stored (relative) path of an owner's upload: a group's as groupUploadPath, a project's under `project/`. */
export function ownerUploadPath(owner: Owner, secret: string, filename: string): string {
  return owner.groupId !== undefined ? groupUploadPath(owner.groupId, secret, filename) : path.join("project", String(owner.projectId), secret, filename);
}

/** A stored relative path made absolute; refuses anything that would leave the uploads directory. */
export function resolveUploadPath(relative: string): string {
  const root = uploadsRoot();
  const absolute = path.resolve(root, relative);
  if (!absolute.startsWith(root + path.sep)) throw new Error(`upload path outside the uploads directory: ${relative}`);
  return absolute;
}

// Uploads' callers know the limit by this name.
export { FileTooLargeError as UploadTooLargeError } from "@/lib/files";
export type StoredFile = HashedFile;

/**
 * Streams a file into the uploads directory, counting and hashing it on the way, under a temporary name renamed
 * when complete: a reader, or an import replayed after a crash, never sees half a file, and a rename over a file
 * left by an earlier attempt replaces it whole.
 */
export async function storeUploadFile(relative: string, body: AsyncIterable<Buffer> | Iterable<Buffer>, options: { maxBytes: number }): Promise<StoredFile> {
  const target = resolveUploadPath(relative);
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${randomBytes(6).toString("hex")}.tmp`;
  const stored = await writeHashedFile(temporary, body, options);
  try {
    await fs.promises.rename(temporary, target);
  } catch (error) {
    await fs.promises.rm(temporary, { force: true });
    throw error;
  }
  return stored;
}
