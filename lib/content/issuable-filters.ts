import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { containing, labels, milestones, users } from "@/lib/db";

/**
 * The filters issues and merge requests share in GitLab's list APIs and pages (IssuableFinder): labels, milestone and
 * users by id or username, with its special values `None` and `Any`. Each names its issuable's own tables, so every
 * filter is an EXISTS on a (row id, other id) primary key or an indexed column.
 */
export interface IssuableTables {
  /** The issuable's primary key column. */
  id: AnyPgColumn;
  milestoneId: AnyPgColumn;
  authorId: AnyPgColumn;
  /** Its labels join table and the column naming the issuable in it. */
  labelLinks: { table: PgTable; owner: AnyPgColumn; labelId: AnyPgColumn };
  /** A users join table (assignees, reviewers) and its columns. */
  userLinks: Record<string, { table: PgTable; owner: AnyPgColumn; userId: AnyPgColumn }>;
}

/** A user filter: an id, a username, or GitLab's `None` / `Any`. */
export type UserFilter = number | { username: string } | "None" | "Any";

const isSpecial = (value: string, word: "none" | "any") => value.toLowerCase() === word;

/** Every label title must be on the issuable; `None` (no label) and `Any` (at least one) as GitLab reads them. */
export function labelledSql(t: IssuableTables, title: string): SQL {
  const { table, owner, labelId } = t.labelLinks;
  if (isSpecial(title, "none")) return sql`NOT EXISTS (SELECT 1 FROM ${table} WHERE ${owner} = ${t.id})`;
  if (isSpecial(title, "any")) return sql`EXISTS (SELECT 1 FROM ${table} WHERE ${owner} = ${t.id})`;
  return sql`EXISTS (SELECT 1 FROM ${table} JOIN ${labels} ON ${labels.id} = ${labelId} WHERE ${owner} = ${t.id} AND ${labels.title} = ${title})`;
}

/** A milestone title, or `None` / `Any`; by the issuable's own milestone (its key), not every milestone of that title. */
export function milestoneSql(t: IssuableTables, title: string): SQL {
  if (isSpecial(title, "none")) return sql`${t.milestoneId} IS NULL`;
  if (isSpecial(title, "any")) return sql`${t.milestoneId} IS NOT NULL`;
  return sql`EXISTS (SELECT 1 FROM ${milestones} WHERE ${milestones.id} = ${t.milestoneId} AND ${milestones.title} = ${title})`;
}

const userIdOf = (filter: number | { username: string }): SQL | number =>
  typeof filter === "number" ? filter : sql`(SELECT ${users.id} FROM ${users} WHERE lower(${users.username}) = ${filter.username.toLowerCase()})`;

/** One of the issuable's user links (assignees, reviewers) by user, or none / any of them. */
export function linkedUserSql(t: IssuableTables, link: string, filter: UserFilter): SQL {
  const { table, owner, userId } = t.userLinks[link]!;
  const linked = sql`SELECT 1 FROM ${table} WHERE ${owner} = ${t.id}`;
  if (filter === "None") return sql`NOT EXISTS (${linked})`;
  if (filter === "Any") return sql`EXISTS (${linked})`;
  return sql`EXISTS (${linked} AND ${userId} = ${userIdOf(filter)})`;
}

/** The author by id or username (`None` / `Any` mean no author or any, as for imported rows whose author is gone). */
export function authorSql(t: IssuableTables, filter: UserFilter): SQL {
  if (filter === "None") return sql`${t.authorId} IS NULL`;
  if (filter === "Any") return sql`${t.authorId} IS NOT NULL`;
  return sql`${t.authorId} = ${userIdOf(filter)}`;
}

/** Title or description containing the words, case-insensitively (GitLab's `search` with `in=title,description`). */
export function searchSql(title: AnyPgColumn, description: AnyPgColumn, text: string): SQL {
  const pattern = containing(text.toLowerCase());
  return sql`(lower(${title}) LIKE ${pattern} OR lower(coalesce(${description}, '')) LIKE ${pattern})`;
}
