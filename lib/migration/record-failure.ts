import { randomUUID } from "node:crypto";
import { bulkImportFailures, getDb, type Tx } from "@/lib/db";
import { isSourceError } from "@/lib/gitlab";
import { RecordError } from "./errors";

export interface FailureInput {
  entityId: number;
  relation: string;
  pipelineClass: string;
  pipelineStep: "extractor" | "transformer" | "loader" | "pipeline_worker_run" | "pipeline_batch_worker_run" | "export_request";
  error: unknown;
  sourceUrl?: string | null;
  sourceTitle?: string | null;
  batchNumber?: number | null;
  lineNumber?: number | null;
}

export function exceptionClassOf(error: unknown): string {
  if (error instanceof RecordError) return error.exceptionClass;
  if (isSourceError(error)) return `SourceError::${error.kind}`;
  if (error instanceof Error) return error.constructor.name === "Error" ? "StandardError" : error.constructor.name;
  return "StandardError";
}

export function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Database errors can quote values; keep them short and never multi-line.
  return message.replace(/\s+/g, " ").slice(0, 255);
}

/** One failure row. Keyed by batch and line when known, so a replayed batch records its bad records once. */
export async function recordFailure(input: FailureInput, tx?: Tx): Promise<void> {
  await (tx ?? getDb())
    .insert(bulkImportFailures)
    .values({
      entityId: input.entityId,
      relation: input.relation,
      pipelineClass: input.pipelineClass,
      pipelineStep: input.pipelineStep,
      exceptionClass: exceptionClassOf(input.error),
      exceptionMessage: messageOf(input.error),
      correlationIdValue: randomUUID(),
      sourceUrl: input.sourceUrl?.slice(0, 255) ?? null,
      sourceTitle: input.sourceTitle?.slice(0, 255) ?? null,
      batchNumber: input.lineNumber !== undefined && input.lineNumber !== null ? (input.batchNumber ?? 0) : null,
      lineNumber: input.lineNumber ?? null,
    })
    .onConflictDoNothing();
}
