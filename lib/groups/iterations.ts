import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, isRowId, iterationCadences, iterations, type ITERATION_STATES } from "@/lib/db";

export type IterationState = (typeof ITERATION_STATES)[number];
/** GitLab's Iteration::STATE_ENUM_MAP, what its REST API answers in `state`. */
export const ITERATION_STATE_ENUM: Record<IterationState, number> = { upcoming: 1, current: 2, closed: 3 };
/** The API's `state` filter: `opened` is upcoming and current together. */
export const ITERATION_FILTERS = ["opened", "upcoming", "current", "closed", "all"] as const;
export type IterationFilter = (typeof ITERATION_FILTERS)[number];

/** Today in UTC as YYYY-MM-DD, the day GitLab's (UTC by default) instance compares iteration dates with. */
export const todayUtc = (now = new Date()) => now.toISOString().slice(0, 10);

/** GitLab's Iteration.compute_state: not started yet, running (both ends included), or over. */
export function iterationStateOn(startDate: string, dueDate: string, today: string): IterationState {
  if (startDate > today) return "upcoming";
  if (dueDate < today) return "closed";
  return "current";
}

/**
 * The state from the dates, in SQL. GitLab stores `state_enum` and moves it on with a daily worker; Ferry has no
 * such worker, so what it stored at import would go stale. Reading it from the dates answers what GitLab shows.
 */
function stateSql(today: string): SQL<IterationState> {
  return sql<IterationState>`CASE WHEN ${iterations.startDate} > ${today}::date THEN 'upcoming' WHEN ${iterations.dueDate} < ${today}::date THEN 'closed' ELSE 'current' END`;
}

function stateFilter(filter: IterationFilter, today: string): SQL | undefined {
  const day = sql`${today}::date`;
  switch (filter) {
    case "opened":
      return sql`${iterations.dueDate} >= ${day}`;
    case "upcoming":
      return sql`${iterations.startDate} > ${day}`;
    case "current":
      return sql`${iterations.startDate} <= ${day} AND ${iterations.dueDate} >= ${day}`;
    case "closed":
      return sql`${iterations.dueDate} < ${day}`;
    case "all":
      return undefined;
  }
}

const like = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface IterationRow {
  id: number;
  iid: number;
  sequence: number | null;
  groupId: number;
  cadenceId: number | null;
  cadenceTitle: string | null;
  title: string | null;
  description: string | null;
  state: IterationState;
  startDate: string;
  dueDate: string;
  createdAt: Date;
  updatedAt: Date;
}

const rowColumns = (today: string) => ({
  id: iterations.id,
  iid: iterations.iid,
  sequence: iterations.sequence,
  groupId: iterations.groupId,
  cadenceId: iterations.cadenceId,
  cadenceTitle: iterationCadences.title,
  title: iterations.title,
  description: iterations.description,
  state: stateSql(today),
  startDate: iterations.startDate,
  dueDate: iterations.dueDate,
  createdAt: iterations.createdAt,
  updatedAt: iterations.updatedAt,
});

export interface ListIterationsOptions {
  state?: IterationFilter;
  search?: string;
  /** Where `search` looks (GitLab's `in`): the iteration's title, its cadence's title, or both. */
  searchIn?: readonly ("title" | "cadence_title")[];
  updatedBefore?: Date;
  updatedAfter?: Date;
  /** `due_date`: the API's order. `cadence`: by cadence, then by start date (newest first for closed ones), for the page. */
  order?: "due_date" | "cadence";
  page: number;
  perPage: number;
  today?: string;
}

/** Iterations of these groups (a group and, for the API's include_ancestors, its ancestors), filtered and paginated. */
export async function listIterations(groupIds: readonly number[], options: ListIterationsOptions): Promise<{ rows: IterationRow[]; total: number }> {
  const today = options.today ?? todayUtc();
  const where: (SQL | undefined)[] = [inArray(iterations.groupId, [...groupIds]), stateFilter(options.state ?? "all", today)];
  if (options.search) {
    const fields = options.searchIn?.length ? options.searchIn : ["title"];
    const matches = fields.map((field) =>
      field === "title" ? sql`lower(coalesce(${iterations.title}, '')) LIKE ${like(options.search!)}` : sql`lower(coalesce(${iterationCadences.title}, '')) LIKE ${like(options.search!)}`,
    );
    where.push(sql`(${sql.join(matches, sql` OR `)})`);
  }
  if (options.updatedBefore) where.push(sql`${iterations.updatedAt} < ${options.updatedBefore.toISOString()}`);
  if (options.updatedAfter) where.push(sql`${iterations.updatedAt} > ${options.updatedAfter.toISOString()}`);
  const order =
    options.order === "cadence"
      ? [asc(iterationCadences.title), asc(iterationCadences.id), options.state === "closed" ? desc(iterations.startDate) : asc(iterations.startDate), asc(iterations.id)]
      : [asc(iterations.dueDate), sql`${iterations.title} ASC NULLS FIRST`, asc(iterations.id)];
  const db = getDb();
  const condition = and(...where);
  const [rows, [count]] = await Promise.all([
    db
      .select(rowColumns(today))
      .from(iterations)
      .leftJoin(iterationCadences, eq(iterationCadences.id, iterations.cadenceId))
      .where(condition)
      .orderBy(...order)
      .limit(options.perPage)
      .offset((options.page - 1) * options.perPage),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(iterations)
      .leftJoin(iterationCadences, eq(iterationCadences.id, iterations.cadenceId))
      .where(condition),
  ]);
  return { rows, total: count?.total ?? 0 };
}

export type IterationCadence = typeof iterationCadences.$inferSelect;

/**
 * A group's cadences by title, each with how many of its iterations pass the state filter: the page lists every
 * cadence, saying so when one has none in that state.
 */
export async function listIterationCadences(groupId: number, options: { state?: IterationFilter; today?: string } = {}): Promise<(IterationCadence & { iterationCount: number })[]> {
  const filter = stateFilter(options.state ?? "all", options.today ?? todayUtc());
  const db = getDb();
  const [cadences, counts] = await Promise.all([
    db.select().from(iterationCadences).where(eq(iterationCadences.groupId, groupId)).orderBy(asc(iterationCadences.title), asc(iterationCadences.id)),
    db
      .select({ cadenceId: iterations.cadenceId, count: sql<number>`count(*)::int` })
      .from(iterations)
      .where(and(eq(iterations.groupId, groupId), filter))
      .groupBy(iterations.cadenceId),
  ]);
  const countOf = new Map(counts.map((c) => [c.cadenceId, c.count]));
  return cadences.map((cadence) => ({ ...cadence, iterationCount: countOf.get(cadence.id) ?? 0 }));
}

/**
 * One iteration of this group by its id (GitLab's iteration pages and web_url use the id, not the iid). An iteration
 * of any other group, an ancestor's included, is not found: its page lives under its own group.
 */
export async function findIteration(groupId: number, id: number, today = todayUtc()): Promise<IterationRow | undefined> {
  if (!isRowId(id)) return undefined;
  const [row] = await getDb()
    .select(rowColumns(today))
    .from(iterations)
    .leftJoin(iterationCadences, eq(iterationCadences.id, iterations.cadenceId))
    .where(and(eq(iterations.id, id), eq(iterations.groupId, groupId)));
  return row;
}
