import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { getConfig } from "@/lib/config";
import { getDb, groups } from "@/lib/db";

/** GitLab's Avatarable::MAXIMUM_FILE_SIZE: 200 KiB. */
export const AVATAR_MAX_BYTES = 200 * 1024;

export interface AvatarType {
  ext: "png" | "jpg" | "gif" | "webp" | "ico";
  mime: string;
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) => prefix.every((byte, i) => bytes[at + i] === byte);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * The image type by its magic bytes, never by a name or a Content-Type a source chose. SVG is refused on purpose:
 * it is a document that can carry scripts, and Ferry serves avatars from its own origin.
 */
export function detectAvatarType(bytes: Uint8Array): AvatarType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ext: "png", mime: "image/png" };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { ext: "jpg", mime: "image/jpeg" };
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return { ext: "gif", mime: "image/gif" };
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return { ext: "webp", mime: "image/webp" };
  // ICONDIR: reserved 0, type 1 (icon, not cursor), at least one image.
  if (bytes.length >= 6 && startsWith(bytes, [0, 0, 1, 0]) && (bytes[4]! | (bytes[5]! << 8)) > 0) return { ext: "ico", mime: "image/x-icon" };
  return null;
}

/** Why bytes are not an avatar Ferry keeps, or null when they are one. */
export function avatarRefusal(bytes: Uint8Array): string | null {
  if (bytes.length > AVATAR_MAX_BYTES) return `The avatar is ${bytes.length} bytes, over the limit of ${AVATAR_MAX_BYTES} (200 KiB).`;
  if (detectAvatarType(bytes)) return null;
  const head = Buffer.from(bytes.subarray(0, 512)).toString("utf8").trimStart().toLowerCase();
  if (head.startsWith("<svg") || (head.startsWith("<?xml") && head.includes("<svg"))) return "SVG avatars are not imported: an SVG can carry scripts.";
  return "The avatar is not a PNG, JPEG, GIF, WebP or ICO image.";
}

/** A safe file name for the avatar: the wanted name's stem (letters, digits, `.`, `_`, `-`), the detected extension. */
export function avatarFilename(wanted: string | null, type: AvatarType): string {
  const base = path.posix.basename((wanted ?? "").replace(/\\/g, "/"));
  const stem = base
    .replace(/\.[^.]*$/, "")
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .replace(/^[._-]+/, "")
    .slice(0, 100);
  return `${stem || "avatar"}.${type.ext}`;
}

const RELATIVE_DIR = (groupId: number) => path.posix.join("uploads", "-", "system", "group", "avatar", String(groupId));

/** Where a stored avatar lives on disk, or null when the stored path would leave the group's avatar folder. */
function absolutePath(groupId: number, avatarPath: string): string | null {
  const root = path.resolve(getConfig().dataDir, RELATIVE_DIR(groupId));
  const file = path.resolve(getConfig().dataDir, avatarPath);
  return path.dirname(file) === root ? file : null;
}

/**
 * Stores a group's avatar under the data directory, at GitLab's path (`uploads/-/system/group/avatar/<id>/<file>`),
 * and points the group at it; returns that path. Written beside and renamed into place, so a reader never sees half a
 * file, then the previous avatar is removed. Throws when the bytes are not an avatar Ferry keeps.
 */
export async function saveGroupAvatar(groupId: number, bytes: Buffer, wantedName: string | null): Promise<string> {
  const refusal = avatarRefusal(bytes);
  if (refusal) throw new Error(refusal);
  const filename = avatarFilename(wantedName, detectAvatarType(bytes)!);
  const relative = path.posix.join(RELATIVE_DIR(groupId), filename);
  const dir = path.resolve(getConfig().dataDir, RELATIVE_DIR(groupId));
  await fs.mkdir(dir, { recursive: true });
  const temporary = path.join(dir, `.${randomBytes(6).toString("hex")}.tmp`);
  await fs.writeFile(temporary, bytes, { flag: "wx", mode: 0o640 });
  // The name is the source's, made safe: not a file of the project for the bundler to trace.
  await fs.rename(temporary, path.join(/*turbopackIgnore: true*/ dir, filename));
  await getDb().update(groups).set({ avatarPath: relative, updatedAt: new Date() }).where(eq(groups.id, groupId));
  for (const entry of await fs.readdir(dir)) {
    if (entry !== filename && !entry.startsWith(".")) await fs.rm(path.join(dir, entry), { force: true });
  }
  return relative;
}

export interface StoredAvatar {
  bytes: Buffer;
  type: AvatarType;
  filename: string;
}

/** The group's avatar as stored, or null when it has none (or its file is gone or no longer an image). */
export async function readGroupAvatar(group: { id: number; avatarPath: string | null }): Promise<StoredAvatar | null> {
  if (!group.avatarPath) return null;
  const file = absolutePath(group.id, group.avatarPath);
  if (!file) return null;
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    return null;
  }
  const type = detectAvatarType(bytes);
  return type ? { bytes, type, filename: path.basename(file) } : null;
}

/** GitLab's avatar_url: the upload's address on this instance, or null. */
export function groupAvatarUrl(group: { avatarPath: string | null }, baseUrl: string): string | null {
  return group.avatarPath ? `${baseUrl}/${group.avatarPath}` : null;
}

/** The headers an avatar is served with: its real type, never sniffed, never run as a document. */
export function avatarHeaders(avatar: StoredAvatar, disposition: "inline" | "attachment"): Headers {
  return new Headers({
    "content-type": avatar.type.mime,
    "content-length": String(avatar.bytes.length),
    "content-disposition": `${disposition}; filename="${avatar.filename}"`,
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; sandbox",
    "cache-control": "private, max-age=300",
  });
}
