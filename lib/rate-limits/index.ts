import { and, eq, gt, lt, sql } from "drizzle-orm";
import { getDb, rateLimitHits } from "@/lib/db";
import { getSettings, type RateLimitedAction } from "@/lib/settings";

const WINDOW_MS = 60_000;

/**
 * GitLab's ApplicationRateLimiter#throttled?: counts this use of `action` for `scope` (a user, or a user and a group
 * or project) and says whether it went over the administrator's limit for the last minute. As GitLab's, a refused
 * use counts too, so hammering does not open the gate sooner; a limit of 0 turns the action's limit off.
 */
export async function throttled(action: RateLimitedAction, scope: string): Promise<boolean> {
  const limit = (await getSettings()).rateLimits[action];
  if (limit === 0) return false;
  const db = getDb();
  await db.insert(rateLimitHits).values({ action, scope });
  const since = new Date(Date.now() - WINDOW_MS);
  const [row] = await db
    .select({ hits: sql<number>`count(*)::int` })
    .from(rateLimitHits)
    .where(and(eq(rateLimitHits.action, action), eq(rateLimitHits.scope, scope), gt(rateLimitHits.createdAt, since)));
  return (row?.hits ?? 0) > limit;
}

/** Housekeeping: uses older than the window count for nothing. */
export async function pruneRateLimitHits(now = new Date()): Promise<number> {
  const result = await getDb().delete(rateLimitHits).where(lt(rateLimitHits.createdAt, new Date(now.getTime() - WINDOW_MS)));
  return result.rowCount ?? 0;
}
