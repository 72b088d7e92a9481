import fs from "node:fs";
import type { Readable } from "node:stream";
import { isBinary } from "@/lib/repositories";
import { projectLfsObjects } from "./objects";
import { lfsObjectFile } from "./storage";

/** The Git LFS pointer spec's bound: a pointer file is under 1024 bytes (GitLab reads only the first 200). */
export const LFS_POINTER_MAX_BYTES = 1024;

// The spec's key lines: `version` first, `oid sha256:<hex>` and `size <bytes>` among the keys that follow.
const VERSION = /^version https:\/\/git-lfs\.github\.com\/spec\/v1\n/;
const OID_LINE = /^oid sha256:([0-9a-f]{64})$/m;
const SIZE_LINE = /^size (\d{1,15})$/m;

/** What a file that is a Git LFS pointer stands for: the object's id and size. */
export interface LfsPointer {
  oid: string;
  size: number;
}

/** The object a file's text points at, when the text is a Git LFS pointer (`version https://git-lfs.github.com/spec/v1`...); null otherwise. */
export function parseLfsPointer(text: string): LfsPointer | null {
  if (text.length >= LFS_POINTER_MAX_BYTES || !VERSION.test(text)) return null;
  const oid = OID_LINE.exec(text)?.[1];
  const size = SIZE_LINE.exec(text)?.[1];
  return oid && size ? { oid, size: Number(size) } : null;
}

/** A pointer, and whether the project has its object here (linked to the project, not merely stored for another). */
export interface LfsBlob extends LfsPointer {
  stored: boolean;
}

export async function lfsBlobOf(projectId: number, text: string): Promise<LfsBlob | null> {
  const pointer = parseLfsPointer(text);
  if (!pointer) return null;
  return { ...pointer, stored: (await projectLfsObjects(projectId, [pointer.oid])).has(pointer.oid) };
}

/** An object's content from the store, with its size and whether it is binary (git's test on its first bytes); null when its file is gone. */
export async function openLfsObject(oid: string): Promise<{ stream: Readable; size: number; binary: boolean } | null> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(lfsObjectFile(oid), "r");
  } catch {
    return null;
  }
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, 8000));
    await handle.read(head, 0, head.length, 0);
    return { stream: handle.createReadStream({ start: 0 }), size, binary: isBinary(head) };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
