export { RATE_LIMIT_MESSAGE, startImports, type ImportRequest, type SourceConfig } from "./create";
export { cancelBulkImport, timeoutStaleImports } from "./engine/cancel";
export { ImportRequestError, RecordError } from "./errors";
export { importJobHandlers } from "./jobs";
export { IMPORT_EVENTS_CHANNEL, notifyImportChanged, type ImportEvent } from "./notify";
export * from "./status";
