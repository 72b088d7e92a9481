import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { OutgoingBody } from "./types";

/** One relation export of one group or project for one user (GitLab's BulkImports::Export with its batches). */
export interface RelationExport {
  relation: string;
  batched: boolean;
  /** Records per batch, as it was when the export started. */
  batchSize: number;
  /** Records in the relation when the export started. */
  total: number;
  startedAt: number;
  /** From then on the export is finished (or failed). */
  readyAt: number;
  /** Set when the export fails. */
  error: string | null;
  /** The batch that failed, for a batched export that failed in one batch. */
  failedBatch: number | null;
  /**
   * The file made when the export started, for relations that are not generated per download (a repository's bundle).
   * The export stays started (0) while it is being made, and fails (-1) if making it fails.
   */
  artifact?: Promise<OutgoingBody>;
  pending?: boolean;
}

export const STARTED = 0;
export const FINISHED = 1;
export const FAILED = -1;

export function exportStatus(exp: RelationExport, now = Date.now()): number {
  if (now < exp.readyAt || exp.pending) return STARTED;
  return exp.error ? FAILED : FINISHED;
}

export function batchCount(exp: RelationExport): number {
  return exp.batched ? Math.ceil(exp.total / exp.batchSize) : 0;
}

/** Records of batch `n` (1-based) as [start, end) indexes. */
export function batchRange(exp: RelationExport, n: number): { start: number; end: number } {
  const start = (n - 1) * exp.batchSize;
  return { start, end: Math.min(exp.total, start + exp.batchSize) };
}

export function batchStatus(exp: RelationExport, n: number, now = Date.now()): number {
  if (now < exp.readyAt || exp.pending) return STARTED;
  if (exp.failedBatch === n) return FAILED;
  // A failure of the whole export (not of one batch) leaves no batch file behind.
  if (exp.error && exp.failedBatch === null) return FAILED;
  return FINISHED;
}

/** Entities::BulkImports::ExportStatus (and ExportBatchStatus); the batch fields exist from 16.2. */
export function presentExport(exp: RelationExport, withBatchFields: boolean, now = Date.now()) {
  const status = exportStatus(exp, now);
  const updatedAt = new Date(now >= exp.readyAt ? exp.readyAt : exp.startedAt).toISOString();
  const base = { relation: exp.relation, status, error: status === FAILED ? exp.error : null, updated_at: updatedAt };
  if (!withBatchFields) return base;
  // GitLab counts a non-batched export's objects when it finishes; a batched one knows them when it starts.
  const total = exp.batched || status === FINISHED ? exp.total : 0;
  const entity: Record<string, unknown> = { ...base, batched: exp.batched, batches_count: batchCount(exp), total_objects_count: total };
  if (exp.batched) {
    entity.batches = Array.from({ length: batchCount(exp) }, (_, i) => {
      const n = i + 1;
      const { start, end } = batchRange(exp, n);
      const batch = batchStatus(exp, n, now);
      return {
        status: batch,
        batch_number: n,
        objects_count: end - start,
        error: batch === FAILED && exp.failedBatch === n ? exp.error : null,
        updated_at: updatedAt,
      };
    });
  }
  return entity;
}

/**
 * Exports by portable (`group:<id>`, `project:<id>`) and user: GitLab scopes them to the user who asked
 * (`for_user_and_relation`). Files made for exports live in a scratch folder, removed with the exports.
 */
export class ExportRegistry {
  private exports = new Map<string, Map<string, RelationExport>>();
  private folder: string | null = null;
  private made = 0;

  private key(portable: string, userId: number) {
    return `${portable}:${userId}`;
  }

  list(portable: string, userId: number): RelationExport[] {
    return [...(this.exports.get(this.key(portable, userId))?.values() ?? [])];
  }

  get(portable: string, userId: number, relation: string): RelationExport | undefined {
    return this.exports.get(this.key(portable, userId))?.get(relation);
  }

  put(portable: string, userId: number, exp: RelationExport): void {
    const key = this.key(portable, userId);
    const byRelation = this.exports.get(key) ?? new Map<string, RelationExport>();
    byRelation.set(exp.relation, exp);
    this.exports.set(key, byRelation);
  }

  /** A new, empty folder for one export's files. */
  scratch(name: string): string {
    this.folder ??= fs.mkdtempSync(path.join(os.tmpdir(), "ferry-test-source-"));
    this.made += 1;
    const folder = path.join(this.folder, `${this.made}-${name.replace(/[^\w.-]+/g, "_")}`);
    fs.mkdirSync(folder);
    return folder;
  }

  clear(): void {
    this.exports.clear();
    if (this.folder) fs.rmSync(this.folder, { recursive: true, force: true });
    this.folder = null;
  }
}
