import { isSourceError, NdjsonError } from "@/lib/gitlab";
import { EntityStopped, RecordError } from "../errors";

/**
 * Whether another attempt of a failed job may succeed. The source's trouble (network, 429, 5xx) may pass and so may
 * our own (a database restart); a corrupt or oversized file, a bad record or a stopped import is the same next time,
 * and downloading it again only burns time: those are recorded once.
 */
export function isRetryable(error: unknown): boolean {
  if (isSourceError(error)) return error.retryable;
  return !(error instanceof NdjsonError || error instanceof RecordError || error instanceof EntityStopped);
}
