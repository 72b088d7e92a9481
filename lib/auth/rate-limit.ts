import { and, eq, gt, lt, sql } from "drizzle-orm";
import { getConfig } from "@/lib/config";
import { getDb, signInAttempts } from "@/lib/db";

/**
 * What failed sign-ins are counted against: the account when the login names one, whichever spelling was typed
 * (username or email, any case), so that each spelling does not get guesses of its own; else the login as typed.
 */
export function signInKey(login: string, user: { id: number } | undefined): string {
  return user ? `user:${user.id}` : login.toLowerCase();
}

/** Failed sign-ins for this key within the window; the window slides, so waiting it out always unlocks. */
export async function isSignInLocked(login: string): Promise<boolean> {
  const { FERRY_SIGN_IN_MAX_ATTEMPTS, FERRY_SIGN_IN_WINDOW_MINUTES } = getConfig();
  const since = new Date(Date.now() - FERRY_SIGN_IN_WINDOW_MINUTES * 60_000);
  const [row] = await getDb()
    .select({ failures: sql<number>`count(*)::int` })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.login, login.toLowerCase()), eq(signInAttempts.succeeded, false), gt(signInAttempts.createdAt, since)));
  return (row?.failures ?? 0) >= FERRY_SIGN_IN_MAX_ATTEMPTS;
}

export async function recordSignInAttempt(login: string, ip: string | null, succeeded: boolean): Promise<void> {
  const db = getDb();
  const key = login.toLowerCase();
  if (succeeded) {
    // A success clears the slate for this login, as GitLab's failed_attempts counter does.
    await db.delete(signInAttempts).where(and(eq(signInAttempts.login, key), eq(signInAttempts.succeeded, false)));
    return;
  }
  await db.insert(signInAttempts).values({ login: key, ip, succeeded });
}

export async function pruneSignInAttempts(olderThan: Date): Promise<number> {
  const result = await getDb().delete(signInAttempts).where(lt(signInAttempts.createdAt, olderThan));
  return result.rowCount ?? 0;
}
