import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, isRowId, milestones } from "@/lib/db";
import { containing } from "./like";
import { ownerWhere, type OwnerRef, type Owners } from "./owner";

export type Milestone = typeof milestones.$inferSelect;

/**
 * Owners' milestones (a project's, with its ancestor groups' for `include_ancestors`), newest due first as GitLab's API
 * does; filters `state`, `search` (title/description), `iids`.
 */
export async function listMilestones(
  owner: Owners,
  options: { state?: "active" | "closed"; search?: string; title?: string; iids?: number[]; page: number; perPage: number },
): Promise<{ rows: Milestone[]; total: number }> {
  const where: SQL[] = [ownerWhere(milestones, owner)];
  if (options.state) where.push(eq(milestones.state, options.state));
  if (options.title) where.push(eq(milestones.title, options.title));
  if (options.iids?.length) where.push(inArray(milestones.iid, options.iids));
  if (options.search) where.push(sql`(lower(${milestones.title}) LIKE ${containing(options.search)} OR lower(coalesce(${milestones.description}, '')) LIKE ${containing(options.search)})`);
  const db = getDb();
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(milestones)
      .where(and(...where))
      // The id last: milestones of several owners may share an iid.
      .orderBy(sql`${milestones.dueDate} DESC NULLS LAST`, desc(milestones.iid), asc(milestones.id))
      .limit(options.perPage)
      .offset((options.page - 1) * options.perPage),
    db.select({ total: sql<number>`count(*)::int` }).from(milestones).where(and(...where)),
  ]);
  return { rows, total: count?.total ?? 0 };
}

/** A milestone of the owners by id (the API's `:milestone_id`). */
export async function findMilestone(owners: Owners, id: number): Promise<Milestone | undefined> {
  if (!isRowId(id)) return undefined;
  const [row] = await getDb().select().from(milestones).where(and(ownerWhere(milestones, owners), eq(milestones.id, id)));
  return row;
}

/** An owner's milestone by its number in the owner (the page's `/-/milestones/<iid>`). */
export async function findMilestoneByIid(owner: OwnerRef, iid: number): Promise<Milestone | undefined> {
  if (!isRowId(iid)) return undefined;
  const [row] = await getDb().select().from(milestones).where(and(ownerWhere(milestones, owner), eq(milestones.iid, iid)));
  return row;
}
