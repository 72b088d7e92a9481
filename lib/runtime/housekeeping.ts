import { pruneSignInAttempts } from "@/lib/auth/rate-limit";
import { getConfig } from "@/lib/config";
import { logger } from "@/lib/log";
import { pruneRateLimitHits } from "@/lib/rate-limits";
import { pruneImportStores, timeoutStaleImports } from "@/lib/migration";

/**
 * Periodic chores: forget sign-in attempts older than a day and rate-limited uses older than their minute (the
 * limits only look at their windows), end imports that made no progress for FERRY_IMPORT_TIMEOUT_HOURS as GitLab's
 * StaleImportWorker does, and give back the disk of file imports' stores and uploads that a killed process left behind.
 */
export async function runHousekeeping(): Promise<{ prunedSignInAttempts: number; timedOutEntities: number; importStores: { stores: number; partials: number } }> {
  const prunedSignInAttempts = await pruneSignInAttempts(new Date(Date.now() - 24 * 60 * 60 * 1000));
  await pruneRateLimitHits();
  const timedOutEntities = await timeoutStaleImports(new Date(Date.now() - getConfig().FERRY_IMPORT_TIMEOUT_HOURS * 3_600_000));
  const importStores = await pruneImportStores();
  logger.info({ prunedSignInAttempts, timedOutEntities, importStores }, "housekeeping done");
  return { prunedSignInAttempts, timedOutEntities, importStores };
}
