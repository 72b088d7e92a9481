import { and, eq, sql } from "drizzle-orm";
import { getDb, groups, uploads } from "@/lib/db";
import { visibleToSql, type Viewer } from "@/lib/groups";

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

/** Where each upload an import entity brought in now lives, by its path on the source (`<secret>/<filename>`). */
export async function importedUploads(entityId: number): Promise<Map<string, { secret: string; filename: string }>> {
  const rows = await getDb()
    .select({ key: uploads.importKey, secret: uploads.secret, filename: uploads.filename })
    .from(uploads)
    .where(and(eq(uploads.importEntityId, entityId), sql`${uploads.importKey} IS NOT NULL`));
  return new Map(rows.map((row) => [row.key!, { secret: row.secret, filename: row.filename }]));
}
