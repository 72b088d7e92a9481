import type { Readable } from "node:stream";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db, Tx } from "@/lib/db";
import type { SourceClient } from "@/lib/gitlab";
import type { PortableKind } from "@/lib/relations";

export interface EntityContext {
  entityId: number;
  /** A group entity or a project entity: which of GitLab's stages and source endpoints apply. */
  portable: PortableKind;
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
  /** The destination group, once the group pipeline has created it (group entities). */
  groupId: number | null;
  /** The destination project, once the project pipeline has created it (project entities). */
  projectId: number | null;
  migrateProjects: boolean;
  migrateMemberships: boolean;
  /** Read from a GitLab export archive (file import) rather than from a source instance: there is no client. */
  fromArchive?: boolean;
  /** The only relations this entity imports (a relation import); undefined: every one that applies. */
  onlyRelations?: readonly string[];
  /** Into a project that has records already: records whose iid it has are skipped (a relation import). */
  skipExistingIids?: boolean;
}

/** A table that numbers its records by iid in their project, with the import's own columns. */
export type IidTable = PgTable & { projectId: PgColumn; iid: PgColumn; importEntityId: PgColumn };

/** A pipeline's stage, GitLab class, version and edition gates are the catalog's (lib/relations), not its own. */
interface PipelineBase {
  /** GitLab's relation / tracker name, unique per entity: the catalog entry it implements. */
  relation: string;
  /** Whether the entity's options take this pipeline (migrate memberships, migrate projects). */
  applies?(entity: EntityContext): boolean;
  /** A failure of this pipeline fails the whole entity (GitLab's abort_on_failure!). */
  abortOnFailure?: boolean;
}

/** Data from REST endpoints; the pipeline does its own work and reports its counts. */
export interface RestPipeline extends PipelineBase {
  kind: "rest";
  /** It adds child entities (subgroups, projects): the import looks for entities to start when it ends. */
  addsEntities?: boolean;
  run(context: { entity: EntityContext; client: SourceClient; db: Db }): Promise<RestResult>;
  /**
   * The same step for a file import, from the archive's index instead of the source's REST API. A pipeline without
   * it does not run for file imports (the archive has nothing for it: avatars, projects, iterations).
   */
  fromArchive?(context: { entity: EntityContext; db: Db }): Promise<RestResult>;
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
  /**
   * Runs before each chunk's transaction, outside it: fetches what the load will need from the source (the users a
   * record names, say), so that no transaction waits on the network. May run again for a replayed chunk.
   */
  prepare?(rows: Row[], context: { entity: EntityContext; client: SourceClient }): Promise<void>;
  /**
   * Runs once all of the relation's batches have loaded, in the transaction that ends it: what records loaded in any
   * order, by any worker, need together (the epic hierarchy). Must be idempotent: a replayed ending runs it again.
   */
  finish?(tx: Tx, entity: { entityId: number; bulkImportId: number }): Promise<void>;
  /**
   * The project table numbering the relation's records, and a row's iid (null: a record without one): what a relation
   * import (`entity.skipExistingIids`) compares to skip the records the project has already.
   */
  iids?: { table: IidTable; of(row: Row): number | null };
  /** The title shown for a failed record (GitLab: title or name). */
  titleOf?(record: Record<string, unknown>): string | undefined;
  /** Where the record lives on the source, linked from the failures page. */
  sourceUrlOf?(record: Record<string, unknown>, entity: EntityContext): string | undefined;
  /**
   * Where the records come from when the relation export does not carry them (a catalog format of `graphql`: project
   * members): gzipped NDJSON read from the source some other way, loaded as one unbatched file. Read again from its
   * start when a job resumes or retries, so it must give the same records in the same order.
   */
  read?(context: { entity: EntityContext; client: SourceClient }): Readable;
}

/**
 * A file relation (`uploads.tar.gz`): exported, awaited and downloaded (batch by batch when the source batches it)
 * like an NDJSON relation, but the pipeline reads the file itself. `load` must be idempotent for a replayed batch,
 * record a failure per bad entry (keyed by batch and position) and go on, and return absolute counts for the batch.
 */
export interface FilePipeline extends PipelineBase {
  kind: "file";
  load(context: { entity: EntityContext; body: Readable; batchNumber: number; fail: (failure: FileFailure) => Promise<void> }): Promise<{ fetched: number; imported: number }>;
  /** Shown on the skipped tracker when the source does not export the relation at all (older or other sources). */
  notExported: string;
}

/** One bad part of a file relation: `position` (1-based; 0 for the file as a whole) keys it, so a replay records it once. */
export interface FileFailure {
  error: unknown;
  position: number;
  /** What the failures page shows for it (an archive entry's name). */
  title?: string | null;
}

/** Pipelines whose data comes from the source's relation export. */
export type ExportPipeline = NdjsonPipeline | FilePipeline;

export type Pipeline = RestPipeline | ExportPipeline;

/** A pipeline as one kind of entity runs it: with the stage and GitLab class the catalog gives it there. */
export type StagedPipeline<P extends Pipeline = Pipeline> = P & { stage: number; pipelineClass: string };
