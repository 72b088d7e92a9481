import type { Readable } from "node:stream";
import type { RelationExportStatus } from "@/lib/gitlab";

/**
 * Where the engine reads an entity's relations from. Today the source's relation-export API over HTTP; a GitLab
 * export archive on disk can stand behind the same interface, so every pipeline serves both kinds of import.
 * Relation names are the export's (`project_badges`, `repository`), not the trackers'.
 */
export interface RelationSource {
  /** Asks for every relation to be exported (in batches of 1000 records where the source can). */
  startExport(options: { batched: boolean }): Promise<void>;
  /** The state of every relation's export. */
  statuses(): Promise<RelationExportStatus[]>;
  /** The state of one relation's export; null while the source has not started it. */
  status(relation: string): Promise<RelationExportStatus | null>;
  /** One relation's data as a gzipped stream: batch N of a batched export, or the whole file for batch 0. */
  download(relation: string, batchNumber: number, options: { maxBytes: number }): Promise<{ body: Readable }>;
}
