import { pruneSignInAttempts } from "@/lib/auth/rate-limit";
import { getConfig } from "@/lib/config";
import { logger } from "@/lib/log";
import { pruneRateLimitHits } from "@/lib/rate-limits";
import { timeoutStaleImports } from "@/lib/migration";

/**
 * Periodic chores: forget sign-in attempts older than a day and rate-limited uses older than their minute (the
 * limits only look at their windows), and end
 * imports that made no progress for FERRY_IMPORT_TIMEOUT_HOURS as GitLab's StaleImportWorker does.
 */
export async function runHousekeeping(): Promise<{ prunedSignInAttempts: number; timedOutEntities: number }> {
  const prunedSignInAttempts = await pruneSignInAttempts(new Date(Date.now() - 24 * 60 * 60 * 1000));
  await pruneRateLimitHits();
  const timedOutEntities = await timeoutStaleImports(new Date(Date.now() - getConfig().FERRY_IMPORT_TIMEOUT_HOURS * 3_600_000));
  logger.info({ prunedSignInAttempts, timedOutEntities }, "housekeeping done");
  return { prunedSignInAttempts, timedOutEntities };
}
