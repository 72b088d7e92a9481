import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { getConfig } from "@/lib/config";
import type { Owner } from "@/lib/content";

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

export class UploadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The file is larger than the limit of ${limit} bytes.`);
    this.name = "UploadTooLargeError";
  }
}

export interface StoredFile {
  size: number;
  sha256: string;
}

/**
 * Streams a file into the uploads directory, counting and hashing it on the way, under a temporary name renamed
 * when complete: a reader, or an import replayed after a crash, never sees half a file, and a rename over a file
 * left by an earlier attempt replaces it whole.
 */
export async function storeUploadFile(relative: string, body: AsyncIterable<Buffer> | Iterable<Buffer>, options: { maxBytes: number }): Promise<StoredFile> {
  const target = resolveUploadPath(relative);
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${randomBytes(6).toString("hex")}.tmp`;
  const hash = createHash("sha256");
  let size = 0;
  try {
    await pipeline(async function* () {
      for await (const chunk of body) {
        size += chunk.length;
        if (size > options.maxBytes) throw new UploadTooLargeError(options.maxBytes);
        hash.update(chunk);
        yield chunk;
      }
    }, fs.createWriteStream(temporary, { mode: 0o640 }));
    await fs.promises.rename(temporary, target);
  } catch (error) {
    await fs.promises.rm(temporary, { force: true });
    throw error;
  }
  return { size, sha256: hash.digest("hex") };
}
