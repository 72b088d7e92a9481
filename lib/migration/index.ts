// Public face of lib/migration for app/ and lib/. Components import the browser-safe ./wire instead (type-only
// exports and plain constants); this file does not re-export it, as it derives from lib/sources, which reads here.
export { RATE_LIMIT_MESSAGE, type EntityRequest, type EntitySourceType, type SourceConfig } from "./create-checks";
export { startBulkImport, startImports, type ImportRequest, type StartedBulkImport, type StartedImport, type StartOptions } from "./create";
export { cancelBulkImport, timeoutStaleImports } from "./engine/cancel";
export { NUDGE_INTERVAL_MS, nudgeStalledImports } from "./engine/nudge";
export { ImportRequestError, RecordError, type ImportRequestField } from "./errors";
export { importJobHandlers } from "./jobs";
export { startFileImport, type FileImportRefusal, type StartedFileImport } from "./file-import/start-file-import";
export { startProjectImport, type StartedProjectImport } from "./file-import/start-project-import";
export { startRemoteImport, startRemoteImportS3 } from "./file-import/start-remote-import";
export { pruneImportStores } from "./file-import/prune-import-stores";
export { projectImportState, scheduledImportState, type ProjectImportState } from "./file-import/project-import-status";
export { listRelationImports, startRelationImport, type RelationImport } from "./file-import/start-relation-import";
// The archive half of a file import, on its own for bench:file-import.
export { scanGroupArchive } from "./file-import/archive-scan";
export { readStoredRelation } from "./file-import/archive-store";
export { IMPORT_EVENTS_CHANNEL, notifyImportChanged, type ImportEvent } from "./notify";
export * from "./status";

// Read models, one per question (see ./read).
export { findBulkImport, findEntity, listBulkImports, listEntities, statusFromName, STATUS_NAMES, type ApiBulkImport, type ApiEntity, type ApiPage, type ListOptions, type SortDirection } from "./read/api-bulk-imports";
export { getBulkImportDetails, type BatchTiming, type BulkImportDetails, type EntityDetails, type TrackerDetails } from "./read/details";
export { FAILURE_COUNT_CAP, findEntitySummary, type EntitySummary } from "./read/entity-summary";
export { EMBEDDED_FAILURES_CAP, listEntityFailures, listFailures, type EntityFailure } from "./read/failures";
export { listImportHistory, type HistoryEntity, type HistoryOptions } from "./read/history";
export { latestImports, type LatestImport } from "./read/latest-imports";
export type { Page, PageOptions } from "./read/paging";
export { entityProgress, type EntityProgress, type TrackerCounts } from "./read/progress";
export { getRealtimeChanges, REALTIME_MAX_IMPORTS, type RealtimeChange } from "./read/realtime-changes";
export { trackerHumanStatus, type RelationStats, type TrackerHumanStatus } from "./read/relation-stats";
export type { RelationCounts } from "./entity-stats";
