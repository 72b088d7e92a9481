import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { relationsOf } from "@/lib/relations";
import { ownerKind, type Owner } from "./owner";
import { RELATION_OWNER_COLUMNS } from "./relation-tables";

/**
 * How many records an owner has of each catalog relation its kind has and that is stored a row per record, in one
 * round trip (each an index-only count on the owner's column). `names` narrows it to the relations a page shows.
 */
export async function countRelations(owner: Owner, names?: readonly string[]): Promise<Record<string, number>> {
  const kind = ownerKind(owner);
  const id = owner.groupId ?? owner.projectId;
  const counted = relationsOf(kind).flatMap((relation) => {
    const column = RELATION_OWNER_COLUMNS[relation.name]?.[kind];
    return column && (!names || names.includes(relation.name)) ? [{ name: relation.name, column }] : [];
  });
  if (counted.length === 0) return {};
  const result = await getDb().execute<Record<string, number>>(
    sql`SELECT ${sql.join(
      counted.map(({ name, column }) => sql`(SELECT count(*)::int FROM ${column.table} WHERE ${column} = ${id}) AS ${sql.identifier(name)}`),
      sql`, `,
    )}`,
  );
  const row = result.rows[0]!;
  return Object.fromEntries(counted.map(({ name }) => [name, Number(row[name])]));
}

export interface GroupRelationCounts {
  boards: number;
  epicBoards: number;
  iterations: number;
  badges: number;
}

/** The counts on a group's own tabs. */
export async function countGroupRelations(groupId: number): Promise<GroupRelationCounts> {
  const counts = await countRelations({ groupId }, ["boards", "epic_boards", "iterations", "badges"]);
  return { boards: counts.boards ?? 0, epicBoards: counts.epic_boards ?? 0, iterations: counts.iterations ?? 0, badges: counts.badges ?? 0 };
}
