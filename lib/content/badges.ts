import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { badges, getDb } from "@/lib/db";
import { ownerWhere, type Owners } from "./owner";

export type Badge = typeof badges.$inferSelect;

/**
 * Owners' badges (a project's with its group's and the group's ancestors', as GitLab's Project#badges) in the order
 * they were added; `name` matches exactly (case-sensitive).
 */
export async function listBadges(owner: Owners, options: { name?: string; page: number; perPage: number }): Promise<{ rows: Badge[]; total: number }> {
  const where: SQL[] = [ownerWhere(badges, owner)];
  if (options.name !== undefined) where.push(eq(badges.name, options.name));
  const db = getDb();
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(badges)
      .where(and(...where))
      .orderBy(asc(badges.id))
      .limit(options.perPage)
      .offset((options.page - 1) * options.perPage),
    db.select({ total: sql<number>`count(*)::int` }).from(badges).where(and(...where)),
  ]);
  return { rows, total: count?.total ?? 0 };
}

export async function findBadge(owner: Owners, badgeId: number): Promise<Badge | undefined> {
  const [row] = await getDb()
    .select()
    .from(badges)
    .where(and(ownerWhere(badges, owner), eq(badges.id, badgeId)));
  return row;
}

/** Whether a badge URL may be shown as a link or an image: http(s) only, never `javascript:` or `data:`. */
export function isSafeBadgeUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:";
  } catch {
    return false;
  }
}
