/** GitLab's BulkImports::Export and ExportBatch states, as the export_relations API shows them (numbers). */
export const EXPORT_STATUS = { started: 0, finished: 1, failed: -1 } as const;
export type ExportStatusValue = (typeof EXPORT_STATUS)[keyof typeof EXPORT_STATUS];

/** GitLab's BATCH_SIZE: records per batch file of a batched export. */
export const EXPORT_BATCH_SIZE = 1000;

/** GitLab's EXISTING_EXPORT_TTL: a finished export this recent is handed out again instead of being redone. */
export const EXISTING_EXPORT_TTL_MS = 3 * 60_000;
