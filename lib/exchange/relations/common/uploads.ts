import fs from "node:fs";
import { eq } from "drizzle-orm";
import type { TarInput } from "@/lib/archive";
import { listUploadsAfter, type Owner } from "@/lib/content";
import { getDb, groups } from "@/lib/db";
import { readGroupAvatar } from "@/lib/groups";
import { logger } from "@/lib/log";
import { resolveUploadPath } from "@/lib/uploads";
import type { FileRelation } from "../support/types";

const PAGE = 1000;

/** A stored file as an archive entry, its size taken from the open file so that header and body agree; null if gone. */
async function fileEntry(name: string, relative: string): Promise<TarInput | null> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(resolveUploadPath(relative), "r");
  } catch (error) {
    // GitLab's UploadsExportService skips an upload whose file is missing too (`next unless upload.exist?`).
    logger.warn({ err: error, upload: name }, "upload file missing; left out of the export");
    return null;
  }
  const stat = await handle.stat();
  return { name, size: stat.size, mtime: stat.mtime, body: handle.createReadStream() };
}

/** A group's avatar as the archive's `avatar/<filename>`; projects have none stored yet. */
async function avatarEntry(owner: Owner): Promise<TarInput | null> {
  if (owner.groupId === undefined) return null;
  const [group] = await getDb().select({ id: groups.id, avatarPath: groups.avatarPath }).from(groups).where(eq(groups.id, owner.groupId));
  const avatar = group ? await readGroupAvatar(group) : null;
  return avatar ? { name: `avatar/${avatar.filename}`, size: avatar.bytes.length, body: [avatar.bytes] } : null;
}

/**
 * GitLab's UploadsExportService + FileExportService: every upload of the owner at `<secret>/<filename>`, and a
 * group's avatar at `avatar/<filename>`, archived as `uploads.tar.gz`. Files are read one after the other, straight
 * from disk into the archive stream; rows are read a page at a time.
 */
export const uploadsRelation: FileRelation<Owner> = {
  kind: "file",
  name: "uploads",
  async *entries(owner) {
    const avatar = await avatarEntry(owner);
    if (avatar) yield avatar;
    let after = 0;
    for (;;) {
      const rows = await listUploadsAfter(owner, after, PAGE);
      for (const row of rows) {
        const entry = await fileEntry(`${row.secret}/${row.filename}`, row.storagePath);
        if (entry) yield entry;
      }
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.id;
    }
  },
};
