import { and, inArray } from "drizzle-orm";
import { labels, type Tx } from "@/lib/db";

/** A label a record points at, by title, with what a label created from it gets. */
export interface LabelInput {
  title: string;
  color: string;
  description: string | null;
  sourceAttributes: Record<string, unknown>;
  createdAt: Date | undefined;
  updatedAt: Date | undefined;
}

async function findLabels(tx: Tx, traversalIds: number[], titles: string[]): Promise<Map<string, number>> {
  const rows = await tx
    .select({ id: labels.id, title: labels.title, groupId: labels.groupId })
    .from(labels)
    .where(and(inArray(labels.groupId, traversalIds), inArray(labels.title, titles)));
  // The nearest group wins: the group itself is last in its traversal ids, its parent before it, and so on.
  const depth = (groupId: number) => traversalIds.indexOf(groupId);
  rows.sort((a, b) => depth(a.groupId) - depth(b.groupId));
  return new Map(rows.map((row) => [row.title, row.id]));
}

/**
 * The label ids for labels named by title (epics' labels, boards' lists and scopes): a label of the group or of its
 * nearest ancestor with that title, else (as GitLab's object builder does) a new label in the group made from the
 * exported one. Titles are created in sorted order, so concurrent loads of one group wait on each other instead of
 * deadlocking.
 */
export async function resolveLabels(tx: Tx, group: { id: number; traversalIds: number[] }, wanted: LabelInput[]): Promise<Map<string, number>> {
  if (wanted.length === 0) return new Map();
  const byTitle = new Map(wanted.map((label) => [label.title, label]));
  const titles = [...byTitle.keys()].sort();
  const found = await findLabels(tx, group.traversalIds, titles);
  const missing = titles.filter((title) => !found.has(title));
  if (missing.length === 0) return found;
  await tx
    .insert(labels)
    .values(
      missing.map((title) => {
        const label = byTitle.get(title)!;
        return { groupId: group.id, ...label };
      }),
    )
    .onConflictDoNothing({ target: [labels.groupId, labels.title] });
  return findLabels(tx, group.traversalIds, titles);
}
