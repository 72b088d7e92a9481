import { pruneSignInAttempts } from "@/lib/auth/rate-limit";
import { logger } from "@/lib/log";

/** Forgets sign-in attempts older than a day: the rate limit only ever looks at the last window. */
export async function runHousekeeping(): Promise<{ prunedSignInAttempts: number }> {
  const prunedSignInAttempts = await pruneSignInAttempts(new Date(Date.now() - 24 * 60 * 60 * 1000));
  logger.info({ prunedSignInAttempts }, "housekeeping done");
  return { prunedSignInAttempts };
}
