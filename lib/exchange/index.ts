// Ferry as a source: GitLab's relation export API over what Ferry stores, and the REST endpoints importers read.
export { exportRelationsRoutes } from "./api/export-routes";
export { fileExportRoutes } from "./api/file-export-routes";
export { fileExportView, findFileExport, FILE_EXPORT_TTL_MS } from "./file-export/lifecycle";
export { requestExportDownload, requestFileExport, type FileExportRefusal } from "./file-export/request";
export { sendFile } from "./api/send-file";
export { groupMembersRoute } from "./api/group-routes";
export { metadataRoute, tokenSelfRoute, versionRoute } from "./api/instance-routes";
export { nodeRoute } from "./api/node-route";
export { userRoute } from "./api/user-routes";
export { EXPORT_PRUNE_SCHEDULE, exchangeJobHandlers } from "./jobs";
export { type Portable } from "./portable";
export { findRelation, relationsFor } from "./relations/registry";
export type { CollectionRelation, ExportRecord, ExportRelation, FileRelation, SingleRelation } from "./relations/support/types";
export { startExport, type StartOptions } from "./start-export";
export { EXISTING_EXPORT_TTL_MS, EXPORT_BATCH_SIZE, EXPORT_STATUS } from "./status";
