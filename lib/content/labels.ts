import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { getDb, isRowId, labels } from "@/lib/db";
import { containing } from "./like";
import { ownedBy, ownerList, ownerWhere, type Owners } from "./owner";

export type Label = typeof labels.$inferSelect;

/** Owners' labels (a project's with its ancestor groups'), by title as GitLab lists them; `search` matches title or description. */
export async function listLabels(owner: Owners, options: { search?: string; page: number; perPage: number }): Promise<{ rows: Label[]; total: number }> {
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

/**
 * A label of the owners by id, else by title, as GitLab's find_label reads `:label_id`. Titles are unique per owner
 * only: a project label wins over an ancestor group's of the same title, then the nearest group's (`owners` in that order).
 */
export async function findLabel(owners: Owners, idOrTitle: string): Promise<Label | undefined> {
  const db = getDb();
  if (/^\d+$/.test(idOrTitle) && isRowId(Number(idOrTitle))) {
    const [byId] = await db.select().from(labels).where(and(ownerWhere(labels, owners), eq(labels.id, Number(idOrTitle))));
    if (byId) return byId;
  }
  const rows = await db.select().from(labels).where(and(ownerWhere(labels, owners), eq(labels.title, idOrTitle)));
  const order = ownerList(owners);
  const rank = (label: Label) => order.findIndex((owner) => ownedBy(label, owner));
  return rows.sort((a, b) => rank(a) - rank(b))[0];
}
