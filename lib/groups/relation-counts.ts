import { sql } from "drizzle-orm";
import { badges, boards, epicBoards, getDb, iterations } from "@/lib/db";

export interface GroupRelationCounts {
  boards: number;
  epicBoards: number;
  iterations: number;
  badges: number;
}

/** The counts on a group's own tabs, in one round trip (each is an index-only count on the group's column). */
export async function countGroupRelations(groupId: number): Promise<GroupRelationCounts> {
  const result = await getDb().execute<{ boards: number; epic_boards: number; iterations: number; badges: number }>(sql`
    SELECT
      (SELECT count(*)::int FROM ${boards} WHERE ${boards.groupId} = ${groupId}) AS boards,
      (SELECT count(*)::int FROM ${epicBoards} WHERE ${epicBoards.groupId} = ${groupId}) AS epic_boards,
      (SELECT count(*)::int FROM ${iterations} WHERE ${iterations.groupId} = ${groupId}) AS iterations,
      (SELECT count(*)::int FROM ${badges} WHERE ${badges.groupId} = ${groupId}) AS badges`);
  const row = result.rows[0]!;
  return { boards: Number(row.boards), epicBoards: Number(row.epic_boards), iterations: Number(row.iterations), badges: Number(row.badges) };
}
