import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, milestones } from "@/lib/db";
import { containing } from "./like";
import { ownerWhere, type OwnerRef } from "./owner";

export type Milestone = typeof milestones.$inferSelect;

/** An owner's milestones, newest due first as GitLab's API does; filters `state`, `search` (title/description), `iids`. */
export async function listMilestones(
  owner: OwnerRef,
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
      .orderBy(sql`${milestones.dueDate} DESC NULLS LAST`, desc(milestones.iid))
      .limit(options.perPage)
      .offset((options.page - 1) * options.perPage),
    db.select({ total: sql<number>`count(*)::int` }).from(milestones).where(and(...where)),
  ]);
  return { rows, total: count?.total ?? 0 };
}
