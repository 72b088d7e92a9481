// Public face of lib/gitlab: the client Ferry uses to talk to a source GitLab instance.
export { SourceClient } from "./client";
export type { Page, Query, QueryValue, SourceClientOptions, SourceDownload, SourceResponse, StreamOptions } from "./client";
export { connectSource } from "./connect";
export { graphqlPages, type GraphqlPage } from "./graphql-pages";
export type { ConnectOptions, SourceConnection, SourceUser } from "./connect";
export { isSourceError, SourceError, userMessage } from "./errors";
export type { GitRemote } from "./git-remote";
export type { SourceErrorKind, UnreachableReason } from "./errors";
export { classifyAddress } from "./ip-address";
export type { ForbiddenAddressClass } from "./ip-address";
export { NdjsonError, readNdjson } from "./ndjson";
export type { NdjsonErrorKind, NdjsonItem, NdjsonOptions } from "./ndjson";
export { parsePagination } from "./pagination";
export type { Pagination, ResponseHeaders } from "./pagination";
export { downloadRelation, exportStatus, normaliseExportStatus, portableApiPath, startExport } from "./relation-export";
export type { ExportBatchStatus, ExportState, RelationExportStatus } from "./relation-export";
export { parseRetryAfter } from "./retry";
export { normaliseSourceUrl } from "./url-policy";
export { uploadFile, uploadUrlProblem, type UploadTarget } from "./upload";
export type { ResolvedAddress, Resolver, UrlPolicyOptions } from "./url-policy";
export {
  BATCHED_EXPORT_MIN_VERSION,
  compareVersions,
  formatVersion,
  isAtLeast,
  MINIMUM_SOURCE_VERSION,
  parseVersion,
  supportsBatchedExport,
  TOKEN_SELF_MIN_VERSION,
} from "./version";
export type { GitLabVersion } from "./version";
export { downloadRemoteFile, failureDetail, remoteFileHeaders, remoteUrlProblem, type RemoteResponse } from "./remote-file";
export { presignS3Url, type S3Object } from "./s3-presign";
