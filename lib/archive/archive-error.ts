/** The archive itself is unreadable (not an entry of it): reading stops. */
export class ArchiveError extends Error {
  constructor(
    readonly kind: "corrupt" | "too_large" | "not_gzip",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ArchiveError";
  }
}

export const corrupt = (message: string, cause?: unknown) => new ArchiveError("corrupt", message, { cause });

// tar-stream fails with plain Errors; callers tell a damaged archive (worth downloading again) from a failed
// download by ArchiveError. Its messages are pinned by the exact version in package.json and by tar.test.ts.
const TAR_STREAM_MESSAGES: Record<string, string> = {
  "Invalid tar header. Maybe the tar is corrupted or it needs to be gunzipped?": "The archive has a header with a bad checksum (not a tar file, or damaged).",
  "Unexpected end of data": "The archive is truncated.",
  "Header exceeds max size": "The archive has an oversized metadata header.",
  "Invalid header": "The archive has an entry with an invalid size.",
};

/** tar-stream's own failures as ArchiveError; anything else (the input's failures) as it is. */
export function fromTarStream(error: unknown): unknown {
  const message = error instanceof Error && !(error instanceof ArchiveError) ? TAR_STREAM_MESSAGES[error.message] : undefined;
  return message ? corrupt(message, error) : error;
}
