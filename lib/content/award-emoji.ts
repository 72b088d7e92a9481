import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { awardEmoji, getDb } from "@/lib/db";
import type { AwardCount } from "@/lib/groups";

/** What GitLab's award emoji hang on: an epic, a snippet or a note now, issues and merge requests with projects. */
export type AwardableType = "Epic" | "Issue" | "MergeRequest" | "Snippet" | "Note";

/**
 * The emoji awarded to each of these things, per thing most awarded first (then the earliest awarded, then by name),
 * as GitLab lists them; a thing with none is absent from the map.
 */
export async function awardCounts(awardableType: AwardableType, ids: readonly number[]): Promise<Map<number, AwardCount[]>> {
  const counts = new Map<number, AwardCount[]>();
  if (ids.length === 0) return counts;
  const rows = await getDb()
    .select({ awardableId: awardEmoji.awardableId, name: awardEmoji.name, count: sql<number>`count(*)::int` })
    .from(awardEmoji)
    .where(and(eq(awardEmoji.awardableType, awardableType), inArray(awardEmoji.awardableId, [...ids])))
    .groupBy(awardEmoji.awardableId, awardEmoji.name)
    .orderBy(desc(sql`count(*)`), asc(sql`min(${awardEmoji.createdAt})`), asc(awardEmoji.name));
  for (const { awardableId, name, count } of rows) {
    const list = counts.get(awardableId) ?? [];
    list.push({ name, count });
    counts.set(awardableId, list);
  }
  return counts;
}
