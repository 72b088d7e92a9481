import type { Db } from "@/lib/db";
import type { SourceClient } from "@/lib/gitlab";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface EntityContext {
  entityId: number;
  bulkImportId: number;
  userId: number;
  isAdmin: boolean;
  sourceUrl: string;
  sourceVersion: string;
  sourceEnterprise: boolean;
  sourceFullPath: string;
  sourceXid: number;
  destinationSlug: string;
  destinationNamespace: string;
  /** The destination group, once the group pipeline has created it. */
  groupId: number | null;
  migrateProjects: boolean;
  migrateMemberships: boolean;
}

interface PipelineBase {
  /** GitLab's relation / tracker name, unique per entity. */
  relation: string;
  /** GitLab's pipeline class, recorded on failures. */
  pipelineClass: string;
  stage: number;
  /** Whether the entity takes this pipeline (options, source version). */
  applies?(entity: EntityContext): boolean;
  /** A failure of this pipeline fails the whole entity (GitLab's abort_on_failure!). */
  abortOnFailure?: boolean;
}

/** Data from REST endpoints; the pipeline does its own work and reports its counts. */
export interface RestPipeline extends PipelineBase {
  kind: "rest";
  run(context: { entity: EntityContext; client: SourceClient; db: Db }): Promise<RestResult>;
}

export interface RestResult {
  source: number;
  fetched: number;
  imported: number;
  /** A pipeline that decides it has nothing it can do ends skipped, with this message for the user. */
  skipped?: string;
}

/**
 * Data from the relation export (NDJSON, batched or not). The runner downloads, parses and counts; the pipeline
 * turns records into rows (throwing RecordError for a bad one) and loads a chunk of rows idempotently.
 */
export interface NdjsonPipeline<Row = unknown> extends PipelineBase {
  kind: "ndjson";
  transform(record: Record<string, unknown>, entity: EntityContext, key: string): Row;
  /** Inserts rows that are not there yet (by import key); must throw on any other conflict so the runner can isolate it. */
  load(tx: Tx, rows: Row[], entity: EntityContext): Promise<void>;
  /** The title shown for a failed record (GitLab: title or name). */
  titleOf?(record: Record<string, unknown>): string | undefined;
  /** Where the record lives on the source, linked from the failures page. */
  sourceUrlOf?(record: Record<string, unknown>, entity: EntityContext): string | undefined;
}

export type Pipeline = RestPipeline | NdjsonPipeline;
