import { and, asc, eq, gt, like, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { importedUploads, ownerWhere } from "@/lib/content";
import { epics, groups, notes, type Db } from "@/lib/db";
import { resolverOf, rewriteUploadLinks, type UploadLinkContext } from "@/lib/uploads";
import { ownerOf } from "../support/owner";
import type { RestPipeline } from "../support/types";

const PAGE = 500;

interface TextColumn {
  table: PgTable;
  id: PgColumn;
  text: PgColumn;
  /** The rows this entity imported. */
  owned: SQL;
}

/**
 * Rewrites one text column, a page at a time by id (keyset), reading only rows that mention `/uploads/` and writing
 * only those that change, in one statement per page. Returns the rows that mention uploads, and those that now link
 * to this group's uploads in Ferry (the same numbers on a replay, which finds them rewritten).
 */
async function rewriteColumn(db: Db, column: TextColumn, context: UploadLinkContext, ferryPrefix: string): Promise<{ seen: number; linked: number }> {
  let seen = 0;
  let linked = 0;
  let after = 0;
  for (;;) {
    const rows = (await db
      .select({ id: column.id, text: column.text })
      .from(column.table)
      .where(and(column.owned, like(column.text, "%/uploads/%"), gt(column.id, after)))
      .orderBy(asc(column.id))
      .limit(PAGE)) as { id: number; text: string | null }[];
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const changed: { id: number; text: string }[] = [];
    for (const row of rows) {
      const text = row.text ?? "";
      const rewritten = rewriteUploadLinks(text, context);
      seen += 1;
      if (rewritten.includes(ferryPrefix)) linked += 1;
      if (rewritten !== text) changed.push({ id: row.id, text: rewritten });
    }
    if (changed.length > 0) {
      const values = sql.join(changed.map((row) => sql`(${row.id}::integer, ${row.text}::text)`), sql`, `);
      await db.execute(sql`UPDATE ${column.table} SET ${sql.identifier(column.text.name)} = v.text FROM (VALUES ${values}) AS v(id, text) WHERE ${column.id} = v.id`);
    }
    if (rows.length < PAGE) break;
  }
  return { seen, linked };
}

/**
 * Stage 3, after epics and their notes (stage 2): links in what this entity imported that point at the source's group
 * uploads (GitLab's relative `/uploads/<secret>/<file>`, or the source's absolute URL) now point at Ferry's copies,
 * `/groups/<destination>/-/uploads/<secret>/<file>`. A link to an upload that did not come over is left as it is.
 */
export const uploadsReferencesPipeline: RestPipeline = {
  kind: "rest",
  relation: "uploads_references",
  async run({ entity, db }) {
    const owner = ownerOf(entity);
    const imported = await importedUploads(entity.entityId);
    // Links go to a group's uploads page: a project's own uploads route comes with projects (ownerOf refuses them).
    const [group] = await db.select({ fullPath: groups.fullPath }).from(groups).where(eq(groups.id, owner.groupId!));
    if (imported.size === 0 || !group) return { source: 0, fetched: 0, imported: 0 };
    const context: UploadLinkContext = {
      sourceUrl: entity.sourceUrl,
      sourceFullPath: entity.sourceFullPath,
      destinationFullPath: group.fullPath,
      resolve: resolverOf(imported),
    };
    const ferryPrefix = `/groups/${group.fullPath}/-/uploads/`;
    const columns: TextColumn[] = [
      { table: epics, id: epics.id, text: epics.description, owned: eq(epics.importEntityId, entity.entityId) },
      { table: notes, id: notes.id, text: notes.note, owned: and(eq(notes.importEntityId, entity.entityId), ownerWhere(notes, owner))! },
    ];
    let seen = 0;
    let linked = 0;
    for (const column of columns) {
      const counts = await rewriteColumn(db, column, context, ferryPrefix);
      seen += counts.seen;
      linked += counts.linked;
    }
    return { source: seen, fetched: seen, imported: linked };
  },
};
