import { and, asc, eq, gt, sql } from "drizzle-orm";
import { getDb, groups, uploads } from "@/lib/db";
import { visibleToSql } from "@/lib/groups";
import type { Viewer } from "@/lib/viewer";
import { ownerWhere, type Owner } from "./owner";

export type Upload = typeof uploads.$inferSelect;

/** A group's upload by the group's full path (case-insensitive, as GitLab routes), if the viewer may see the group. */
export async function findVisibleUpload(viewer: Viewer, groupFullPath: string, secret: string, filename: string): Promise<Upload | undefined> {
  const [row] = await getDb()
    .select({ upload: uploads })
    .from(uploads)
    .innerJoin(groups, eq(groups.id, uploads.groupId))
    .where(and(sql`lower(${groups.fullPath}) = lower(${groupFullPath})`, eq(uploads.secret, secret), eq(uploads.filename, filename), visibleToSql(viewer)))
    .limit(1);
  return row?.upload;
}

/** An owner's upload at `<secret>/<filename>` (unique in the owner). */
export async function findUpload(owner: Owner, secret: string, filename: string): Promise<Upload | undefined> {
  const [row] = await getDb()
    .select()
    .from(uploads)
    .where(and(ownerWhere(uploads, owner), eq(uploads.secret, secret), eq(uploads.filename, filename)));
  return row;
}

/** An owner's uploads after the one with id `after`, in id order, `limit` of them: a page of an export. */
export async function listUploadsAfter(owner: Owner, after: number, limit: number): Promise<Upload[]> {
  return getDb()
    .select()
    .from(uploads)
    .where(and(ownerWhere(uploads, owner), gt(uploads.id, after)))
    .orderBy(asc(uploads.id))
    .limit(limit);
}

/** Where each upload an import entity brought in now lives, by its path on the source (`<secret>/<filename>`). */
export async function importedUploads(entityId: number): Promise<Map<string, { secret: string; filename: string }>> {
  const rows = await getDb()
    .select({ key: uploads.importKey, secret: uploads.secret, filename: uploads.filename })
    .from(uploads)
    .where(and(eq(uploads.importEntityId, entityId), sql`${uploads.importKey} IS NOT NULL`));
  return new Map(rows.map((row) => [row.key!, { secret: row.secret, filename: row.filename }]));
}
