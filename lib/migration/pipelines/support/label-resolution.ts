import { and, inArray, sql } from "drizzle-orm";
import { labels, type Tx } from "@/lib/db";
import { inScope, nearness, type OwnerScope } from "./owner";

/** A label a record points at, by title, with what a label created from it gets. */
export interface LabelInput {
  title: string;
  color: string;
  description: string | null;
  sourceAttributes: Record<string, unknown>;
  createdAt: Date | undefined;
  updatedAt: Date | undefined;
}

async function findLabels(tx: Tx, scope: OwnerScope, titles: string[]): Promise<Map<string, number>> {
  const rows = await tx
    .select({ id: labels.id, title: labels.title, groupId: labels.groupId, projectId: labels.projectId })
    .from(labels)
    .where(and(inScope(labels, scope), inArray(labels.title, titles)));
  // The nearest owner wins: the owner's own label, then its group's, its parent's, and so on.
  rows.sort((a, b) => nearness(scope, a) - nearness(scope, b));
  return new Map(rows.map((row) => [row.title, row.id]));
}

/**
 * The label ids for labels named by title (epics' labels, boards' lists and scopes): a label of the owner or of its
 * nearest group with that title, else (as GitLab's object builder does) a new label of the owner made from the
 * exported one. Titles are created in sorted order, so concurrent loads of one owner wait on each other instead of
 * deadlocking.
 */
export async function resolveLabels(tx: Tx, scope: OwnerScope, wanted: LabelInput[]): Promise<Map<string, number>> {
  if (wanted.length === 0) return new Map();
  const byTitle = new Map(wanted.map((label) => [label.title, label]));
  const titles = [...byTitle.keys()].sort();
  const found = await findLabels(tx, scope, titles);
  const missing = titles.filter((title) => !found.has(title));
  if (missing.length === 0) return found;
  const owner = scope.owner.groupId !== undefined ? labels.groupId : labels.projectId;
  await tx
    .insert(labels)
    .values(missing.map((title) => Object.assign({}, byTitle.get(title)!, scope.owner)))
    .onConflictDoNothing({ target: [owner, labels.title], where: sql`${owner} IS NOT NULL` });
  return findLabels(tx, scope, titles);
}
