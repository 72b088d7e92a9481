import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getConfig } from "@/lib/config";
import { writeHashedFile } from "@/lib/files";

const OID = /^[0-9a-f]{64}$/;

/** A Git LFS object id: the SHA-256 of its content, 64 lowercase hex digits. */
export const isLfsOid = (value: string) => OID.test(value);

/** Where LFS objects live: `FERRY_DATA_DIR/lfs-objects`. */
export function lfsObjectsRoot(): string {
  return path.join(getConfig().dataDir, "lfs-objects");
}

/** An object's file, in GitLab's layout (`ab/cd/<the rest>`). Only ever made from a checked oid. */
export function lfsObjectFile(oid: string): string {
  if (!isLfsOid(oid)) throw new Error(`Not an LFS object id: ${JSON.stringify(oid)}`);
  return path.join(lfsObjectsRoot(), oid.slice(0, 2), oid.slice(2, 4), oid.slice(4));
}

/** An object whose content is not what its name says. */
export class LfsObjectMismatchError extends Error {
  constructor(
    readonly oid: string,
    readonly actual: string,
  ) {
    super(`The LFS object ${oid} has the SHA-256 ${actual}: its content does not match its oid.`);
    this.name = "LfsObjectMismatchError";
  }
}

// No import reads one archive for a day: a staging directory older than that was left by a worker that died.
const STALE_STAGING_MS = 24 * 60 * 60_000;

/**
 * A private directory beside the objects (on their file system, so a staged file is renamed, not copied, into place).
 * What a crashed worker left staged is never in the store; it is removed here, once a day old.
 */
export async function lfsStagingDirectory(): Promise<string> {
  const parent = path.join(lfsObjectsRoot(), "tmp");
  await fs.promises.mkdir(parent, { recursive: true, mode: 0o700 });
  for (const name of await fs.promises.readdir(parent)) {
    const directory = path.join(parent, name);
    const stat = await fs.promises.stat(directory).catch(() => null);
    if (stat && Date.now() - stat.mtimeMs > STALE_STAGING_MS) await fs.promises.rm(directory, { recursive: true, force: true });
  }
  return fs.promises.mkdtemp(path.join(parent, "stage-"));
}

/**
 * Streams an object into `directory` under a temporary name, hashing it on the way: its file once its SHA-256 is
 * `oid`, else LfsObjectMismatchError and no file. Nothing is in the store until commitLfsObject.
 */
export async function stageLfsObject(directory: string, oid: string, body: AsyncIterable<Buffer> | Iterable<Buffer>, maxBytes: number): Promise<{ file: string; size: number }> {
  const file = path.join(directory, randomBytes(8).toString("hex"));
  const { size, sha256 } = await writeHashedFile(file, body, { maxBytes });
  if (sha256 !== oid) {
    await fs.promises.rm(file, { force: true });
    throw new LfsObjectMismatchError(oid, sha256);
  }
  return { file, size };
}

/**
 * Moves a staged object to its place by a rename, which is atomic: readers see the whole object or none. An object
 * already there has the same content (same SHA-256) and is replaced by its twin.
 */
export async function commitLfsObject(file: string, oid: string): Promise<void> {
  const target = lfsObjectFile(oid);
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  await fs.promises.rename(file, target);
}
