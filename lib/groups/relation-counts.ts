import { sql } from "drizzle-orm";
import { badges, boards, epics, getDb, iterations } from "@/lib/db";

export interface GroupRelationCounts {
  epics: number;
  boards: number;
  iterations: number;
  badges: number;
}

/** The counts on a group's tabs, in one round trip (each is an index-only count on the group's column). */
export async function countGroupRelations(groupId: number): Promise<GroupRelationCounts> {
  const result = await getDb().execute<{ epics: number; boards: number; iterations: number; badges: number }>(sql`
    SELECT
      (SELECT count(*)::int FROM ${epics} WHERE ${epics.groupId} = ${groupId}) AS epics,
      (SELECT count(*)::int FROM ${boards} WHERE ${boards.groupId} = ${groupId}) AS boards,
      (SELECT count(*)::int FROM ${iterations} WHERE ${iterations.groupId} = ${groupId}) AS iterations,
      (SELECT count(*)::int FROM ${badges} WHERE ${badges.groupId} = ${groupId}) AS badges`);
  const row = result.rows[0]!;
  return { epics: Number(row.epics), boards: Number(row.boards), iterations: Number(row.iterations), badges: Number(row.badges) };
}
