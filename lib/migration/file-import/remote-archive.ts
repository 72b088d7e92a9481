import { decryptSecret, encryptSecret } from "@/lib/crypto";
import type { Settings } from "@/lib/settings";

/** What a worker needs to fetch a remote import's archive; sealed (AES-GCM) in the import's token column. */
export interface RemoteArchive {
  /** The file's URL: a presigned one carries its credentials, so it is never stored in clear nor logged. */
  url: string;
  /** `override_params`, laid over the archive's project attributes once it is read. */
  overrides: Record<string, string>;
  /** The most bytes the download may bring: the size the HEAD announced, within the limit. */
  maxBytes: number;
}

/** The name the import's source URL gives the archive (never the URL's own path, which may name secrets). */
export const REMOTE_ARCHIVE_NAME = "remote-import.tar.gz";

export const sealRemoteArchive = (archive: RemoteArchive): string => encryptSecret(JSON.stringify(archive));
export const openRemoteArchive = (sealed: string): RemoteArchive => JSON.parse(decryptSecret(sealed)) as RemoteArchive;

/** Whether a file import still waits for its remote archive: until a worker has fetched it, its seal is kept. */
export const awaitsRemoteArchive = (bulkImport: { tokenCiphertext: string }): boolean => bulkImport.tokenCiphertext !== "";

const MIB = 1024 * 1024;
/** GitLab's `max_import_remote_file_size` default: 10240 MB. */
const REMOTE_FILE_LIMIT_BYTES = 10_240 * MIB;

/** The largest remote file accepted: 10 GiB, and never more than the administrator's `max_import_size` when set. */
export function remoteFileLimit(settings: Pick<Settings, "maxImportSizeMb">): number {
  return settings.maxImportSizeMb > 0 ? Math.min(REMOTE_FILE_LIMIT_BYTES, settings.maxImportSizeMb * MIB) : REMOTE_FILE_LIMIT_BYTES;
}

const UNITS = ["KB", "MB", "GB", "TB", "PB"];

/** Rails' number_to_human_size, as GitLab's messages print sizes: `1 Byte`, `10 GB`, `1.5 MB` (base 1024, 3 digits). */
export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? "Byte" : "Bytes"}`;
  const exponent = Math.min(Math.floor(Math.log(bytes) / Math.log(1024)), UNITS.length);
  return `${Number((bytes / 1024 ** exponent).toPrecision(3))} ${UNITS[exponent - 1]}`;
}

const ALLOWED_CONTENT_TYPES = ["application/gzip", "application/x-tar", "application/x-gzip"];

/**
 * GitLab's RemoteFileValidator on the remote file's headers: a length above 0 and within the limit, then a content
 * type of a tar or gzip file. The first failure's message (as GitLab answers the first of its errors), or null.
 */
export function remoteFileProblem(contentLength: string | undefined, contentType: string | undefined, limit: number): string | null {
  const length = /^\d+$/.test(contentLength?.trim() ?? "") ? Number(contentLength) : 0;
  if (length <= 0) return `Content length is too small (should be at least ${humanSize(1)})`;
  if (length > limit) return `Content length is too big (should be at most ${humanSize(limit)})`;
  const type = contentType ?? "";
  if (!ALLOWED_CONTENT_TYPES.includes(type.split(";")[0]!.trim().toLowerCase())) return `Content type '${type}' not allowed. (Allowed: ${ALLOWED_CONTENT_TYPES.join(", ")})`;
  return null;
}
