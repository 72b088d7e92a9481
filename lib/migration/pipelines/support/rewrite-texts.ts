import { sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { intArray } from "@/lib/content";
import type { Db } from "@/lib/db";

const PAGE = 1000;

/** A text column of rows an import made, which a later step rewrites (references, upload links). */
export interface ImportedTexts {
  table: PgTable;
  id: PgColumn;
  text: PgColumn;
  /** The rows to look at: the entity's own, and whatever else narrows them. */
  rows: SQL;
}

/**
 * Rewrites one text column of an import's rows and writes those that change, one UPDATE per page of 1,000. The ids
 * come first, in one query, and the pages are read by id: keyset pages (`key > $after ORDER BY key LIMIT 1000`) are
 * planned on the statistics of before the import, whose rows were loaded a moment ago, and PostgreSQL then sorted
 * all that remained of the entity's rows for every page (quadratic: 72 ms a page, 15 s of the references step for
 * 200,000 notes in bench:history). An id costs 8 bytes, so a million rows hold 8 MB while the step runs.
 * `updated_at` stays: the text is the same document (GitLab's `save!(touch: false)`). Returns how many rows it read.
 */
export async function rewriteTexts(db: Db, column: ImportedTexts, rewrite: (text: string) => string): Promise<number> {
  const found = await db.select({ id: column.id }).from(column.table).where(column.rows);
  const ids = found.map((row) => Number(row.id)).sort((a, b) => a - b);
  for (let start = 0; start < ids.length; start += PAGE) {
    const page = ids.slice(start, start + PAGE);
    const rows = (await db
      .select({ id: column.id, text: column.text })
      .from(column.table)
      .where(sql`${column.id} = ANY(${intArray(page)})`)) as { id: number; text: string | null }[];
    const changed = rows.flatMap((row) => {
      if (row.text === null) return [];
      const text = rewrite(row.text);
      return text === row.text ? [] : [{ id: row.id, text }];
    });
    if (changed.length === 0) continue;
    const values = sql.join(changed.map((row) => sql`(${row.id}::integer, ${row.text}::text)`), sql`, `);
    await db.execute(sql`UPDATE ${column.table} SET ${sql.identifier(column.text.name)} = v.text FROM (VALUES ${values}) AS v(id, text) WHERE ${column.id} = v.id`);
  }
  return ids.length;
}
