import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, labels, milestones } from "@/lib/db";

export type Label = typeof labels.$inferSelect;
export type Milestone = typeof milestones.$inferSelect;

const like = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A group's labels, by title as GitLab lists them; `search` matches title or description. */
export async function listLabels(groupId: number, options: { search?: string; page: number; perPage: number }): Promise<{ rows: Label[]; total: number }> {
  const where: SQL[] = [eq(labels.groupId, groupId)];
  if (options.search) where.push(sql`(lower(${labels.title}) LIKE ${like(options.search)} OR lower(coalesce(${labels.description}, '')) LIKE ${like(options.search)})`);
  const db = getDb();
  const [rows, [count]] = await Promise.all([
    db.select().from(labels).where(and(...where)).orderBy(asc(labels.title), asc(labels.id)).limit(options.perPage).offset((options.page - 1) * options.perPage),
    db.select({ total: sql<number>`count(*)::int` }).from(labels).where(and(...where)),
  ]);
  return { rows, total: count?.total ?? 0 };
}

/** A group's milestones, newest due first as GitLab's API does; filters `state`, `search` (title/description), `iids`. */
export async function listMilestones(
  groupId: number,
  options: { state?: "active" | "closed"; search?: string; title?: string; iids?: number[]; page: number; perPage: number },
): Promise<{ rows: Milestone[]; total: number }> {
  const where: SQL[] = [eq(milestones.groupId, groupId)];
  if (options.state) where.push(eq(milestones.state, options.state));
  if (options.title) where.push(eq(milestones.title, options.title));
  if (options.iids?.length) where.push(inArray(milestones.iid, options.iids));
  if (options.search) where.push(sql`(lower(${milestones.title}) LIKE ${like(options.search)} OR lower(coalesce(${milestones.description}, '')) LIKE ${like(options.search)})`);
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

/** The source's text colour when it sent one, else black or white, whichever reads better on the label (GitLab's). */
export function labelTextColor(label: Pick<Label, "color" | "sourceAttributes">): string {
  if (typeof label.sourceAttributes.textColor === "string") return label.sourceAttributes.textColor;
  const hex = label.color.replace("#", "");
  if (!/^[0-9a-f]{6}$/i.test(hex)) return "#FFFFFF";
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return (r! * 299 + g! * 587 + b! * 114) / 1000 > 150 ? "#1F1E24" : "#FFFFFF";
}
