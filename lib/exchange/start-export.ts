import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { bulkImportExportBatches, bulkImportExports, getDb } from "@/lib/db";
import { enqueue } from "@/lib/jobs";
import { logger } from "@/lib/log";
import { removeRuns } from "./files";
import type { Portable } from "./portable";
import { exportsOf } from "./portable-columns";
import { relationsFor } from "./relations/registry";
import { EXISTING_EXPORT_TTL_MS, EXPORT_STATUS } from "./status";

// Any constant: serialises starts of one portable's exports for one user, so two requests cannot both create a row.
const START_LOCK = 7_264_003;

export interface StartOptions {
  batched: boolean;
  /** How recent a finished export must be to be handed out again (GitLab: 3 minutes). */
  reuseWithinMs?: number;
}

/**
 * GitLab's BulkImports::ExportService: (re)starts the export of every relation of the portable for this user, and
 * queues one job per relation. A finished export of the same kind (batched or not) younger than the TTL is reused
 * as it is; anything else starts over under a new run id, its old files removed.
 */
export async function startExport(portable: Portable, userId: number, options: StartOptions): Promise<{ started: string[]; reused: string[] }> {
  const reuseWithinMs = options.reuseWithinMs ?? EXISTING_EXPORT_TTL_MS;
  const jobs: { exportId: number; runId: string; relation: string }[] = [];
  const reused: string[] = [];
  await getDb().transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${START_LOCK}, hashtext(${`${portable.kind}:${portable.id}:${userId}`}))`);
    const existing = await tx.select().from(bulkImportExports).where(exportsOf(portable, userId));
    const byRelation = new Map(existing.map((row) => [row.relation, row]));
    const now = new Date();
    for (const relation of relationsFor(portable.kind)) {
      const batched = options.batched && relation.kind === "collection";
      const previous = byRelation.get(relation.name);
      const fresh = previous?.finishedAt && now.getTime() - previous.finishedAt.getTime() < reuseWithinMs;
      if (previous && previous.status === EXPORT_STATUS.finished && previous.batched === batched && fresh) {
        reused.push(relation.name);
        continue;
      }
      const runId = randomUUID();
      const reset = {
        status: EXPORT_STATUS.started,
        error: null,
        batched,
        batchesCount: 0,
        totalObjectsCount: 0,
        runId,
        filePath: null,
        fileSize: null,
        startedAt: now,
        finishedAt: null,
        updatedAt: now,
      };
      let exportId: number;
      if (previous) {
        await tx.delete(bulkImportExportBatches).where(eq(bulkImportExportBatches.exportId, previous.id));
        await tx.update(bulkImportExports).set(reset).where(eq(bulkImportExports.id, previous.id));
        exportId = previous.id;
      } else {
        const [row] = await tx
          .insert(bulkImportExports)
          .values({
            ...reset,
            groupId: portable.kind === "group" ? portable.id : null,
            projectId: portable.kind === "project" ? portable.id : null,
            userId,
            relation: relation.name,
          })
          .returning({ id: bulkImportExports.id });
        exportId = row!.id;
      }
      jobs.push({ exportId, runId, relation: relation.name });
    }
  });
  for (const job of jobs) {
    await enqueue("exchange.relation-export", { exportId: job.exportId, runId: job.runId });
    // Files of the run this one replaces: no longer served, and their jobs stop at their next check.
    await removeRuns(job.exportId, job.runId).catch((error) => logger.warn({ err: error, exportId: job.exportId }, "could not remove old export files"));
  }
  return { started: jobs.map((job) => job.relation), reused };
}
