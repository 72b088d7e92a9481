import fs from "node:fs";
import { and, asc, eq, gt } from "drizzle-orm";
import type { TarInput } from "@/lib/archive";
import { getDb, groups, uploads } from "@/lib/db";
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

/**
 * GitLab's UploadsExportService + FileExportService: every upload of the group at `<secret>/<filename>`, and the
 * group's avatar at `avatar/<filename>`, archived as `uploads.tar.gz`. Files are read one after the other, straight
 * from disk into the archive stream; rows are read a page at a time.
 */
export const uploadsRelation: FileRelation = {
  kind: "file",
  name: "uploads",
  async *entries(groupId) {
    const db = getDb();
    const [group] = await db.select({ id: groups.id, avatarPath: groups.avatarPath }).from(groups).where(eq(groups.id, groupId));
    const avatar = group ? await readGroupAvatar(group) : null;
    if (avatar) yield { name: `avatar/${avatar.filename}`, size: avatar.bytes.length, body: [avatar.bytes] };
    let after = 0;
    for (;;) {
      const rows = await db
        .select({ id: uploads.id, secret: uploads.secret, filename: uploads.filename, storagePath: uploads.storagePath })
        .from(uploads)
        .where(and(eq(uploads.groupId, groupId), gt(uploads.id, after)))
        .orderBy(asc(uploads.id))
        .limit(PAGE);
      for (const row of rows) {
        const entry = await fileEntry(`${row.secret}/${row.filename}`, row.storagePath);
        if (entry) yield entry;
      }
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.id;
    }
  },
};
