import { and, asc, sql, type SQL } from "drizzle-orm";
import { getDb, labels } from "@/lib/db";
import { containing } from "./like";
import { ownerWhere, type OwnerRef } from "./owner";

export type Label = typeof labels.$inferSelect;

/** An owner's labels, by title as GitLab lists them; `search` matches title or description. */
export async function listLabels(owner: OwnerRef, options: { search?: string; page: number; perPage: number }): Promise<{ rows: Label[]; total: number }> {
  const where: SQL[] = [ownerWhere(labels, owner)];
  if (options.search) where.push(sql`(lower(${labels.title}) LIKE ${containing(options.search)} OR lower(coalesce(${labels.description}, '')) LIKE ${containing(options.search)})`);
  const db = getDb();
  const [rows, [count]] = await Promise.all([
    db.select().from(labels).where(and(...where)).orderBy(asc(labels.title), asc(labels.id)).limit(options.perPage).offset((options.page - 1) * options.perPage),
    db.select({ total: sql<number>`count(*)::int` }).from(labels).where(and(...where)),
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
