import { SourceError } from "./errors";

export interface RetryPolicy {
  /** Further attempts after the first one. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Upper bound on a server's Retry-After, so a hostile or broken source cannot park a worker for hours. */
  maxRetryAfterMs: number;
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1); injectable so tests can predict the jitter. */
  random: () => number;
}

export const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Milliseconds to wait from a Retry-After header (delta seconds or an HTTP date), or undefined when absent/invalid. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries from many workers spread
 * out without ever retrying immediately.
 */
export function backoffDelay(attempt: number, policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs" | "random">) {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (policy.random() * ceiling) / 2);
}

/** How long to wait before retry number `attempt` (0-based) after `error`. */
export function retryDelay(error: SourceError, attempt: number, policy: RetryPolicy): number {
  if (error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, policy.maxRetryAfterMs);
  return backoffDelay(attempt, policy);
}

/**
 * Runs `operation` until it succeeds, fails with a non-retryable error, or runs out of retries. Only SourceErrors
 * marked retryable (network trouble, 429, 5xx) are retried; the last error is thrown as it is.
 */
export async function withRetries<T>(
  operation: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  onRetry?: (error: SourceError, attempt: number, delayMs: number) => void,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (!(error instanceof SourceError) || !error.retryable || attempt >= policy.maxRetries) throw error;
      const delay = retryDelay(error, attempt, policy);
      onRetry?.(error, attempt, delay);
      await policy.sleep(delay);
    }
  }
}
