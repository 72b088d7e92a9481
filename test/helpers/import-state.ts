import { eq, inArray, sql } from "drizzle-orm";
import { bulkImportBatchTrackers, bulkImportEntities, bulkImports, bulkImportTrackers, getDb } from "@/lib/db";

/** Where an import stands, down to its batches and queued jobs: what a chaos run prints when an import gets stuck. */
export async function describeImport(bulkImportId: number, queueSchema: string): Promise<string> {
  const db = getDb();
  const [bulkImport] = await db.select().from(bulkImports).where(eq(bulkImports.id, bulkImportId));
  const entities = await db.select().from(bulkImportEntities).where(eq(bulkImportEntities.bulkImportId, bulkImportId));
  const lines = [`import ${bulkImportId}: status ${bulkImport?.status}`];
  const trackers = entities.length ? await db.select().from(bulkImportTrackers).where(inArray(bulkImportTrackers.entityId, entities.map((e) => e.id))) : [];
  const batches = trackers.length ? await db.select().from(bulkImportBatchTrackers).where(inArray(bulkImportBatchTrackers.trackerId, trackers.map((t) => t.id))) : [];
  for (const entity of entities) {
    lines.push(`  entity ${entity.id} ${entity.sourceFullPath}: status ${entity.status}`);
    for (const t of trackers.filter((t) => t.entityId === entity.id && ![2, -2].includes(t.status))) {
      const own = batches.filter((b) => b.trackerId === t.id).map((b) => `${b.batchNumber}:${b.status}`);
      lines.push(`    tracker ${t.id} ${t.relation} stage ${t.stage}: status ${t.status}, batches [${own.join(" ")}]`);
    }
  }
  // Every job of the import's unfinished trackers, completed ones too: which ran, which never came.
  const open = trackers.filter((t) => ![2, -2].includes(t.status)).map((t) => t.id);
  const jobs = await db
    .execute(
      sql.raw(
        `SELECT name, state, retry_count, data::text AS data, started_on, completed_on, output::text AS output FROM "${queueSchema}".job
          WHERE state <> 'completed' OR (data->>'trackerId')::int = ANY('{${open.join(",")}}'::int[]) ORDER BY created_on DESC LIMIT 60`,
      ),
    )
    .catch((error: unknown) => ({ rows: [{ error: String(error) }] }));
  for (const job of jobs.rows) lines.push(`  job ${JSON.stringify(job)}`);
  return lines.join("\n");
}
