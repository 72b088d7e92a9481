import { and, inArray, max, sql } from "drizzle-orm";
import { milestones, type Tx } from "@/lib/db";
import { inScope, nearness, type OwnerScope } from "./owner";

/** A milestone a record points at, by title, with what a milestone created from it gets. */
export interface MilestoneRefInput {
  title: string;
  iid: number | null;
  description: string | null;
  state: "active" | "closed";
  startDate: string | null;
  dueDate: string | null;
  sourceAttributes: Record<string, unknown>;
  createdAt: Date | undefined;
  updatedAt: Date | undefined;
}

async function findMilestones(tx: Tx, scope: OwnerScope, titles: string[]): Promise<Map<string, number>> {
  const rows = await tx
    .select({ id: milestones.id, title: milestones.title, groupId: milestones.groupId, projectId: milestones.projectId })
    .from(milestones)
    .where(and(inScope(milestones, scope), inArray(milestones.title, titles)));
  // The nearest owner wins, as for labels; of several with one title in one owner, the first made.
  rows.sort((a, b) => nearness(scope, a) - nearness(scope, b) || b.id - a.id);
  return new Map(rows.map((row) => [row.title, row.id]));
}

/**
 * The milestone ids for milestones named by title (issues' `milestone`, milestone events): one of the owner or of its
 * nearest group with that title, else, as GitLab's object builder does, a new milestone of the owner made from the
 * exported one, numbered after the owner's last. Creating takes a lock per owner, so that two chunks loading at once
 * do not make one title twice.
 */
export async function resolveMilestones(tx: Tx, scope: OwnerScope, wanted: readonly MilestoneRefInput[]): Promise<Map<string, number>> {
  if (wanted.length === 0) return new Map();
  const byTitle = new Map(wanted.map((milestone) => [milestone.title, milestone]));
  const titles = [...byTitle.keys()].sort();
  const found = await findMilestones(tx, scope, titles);
  if (titles.every((title) => found.has(title))) return found;
  const { owner } = scope;
  const ownerColumn = owner.groupId !== undefined ? milestones.groupId : milestones.projectId;
  const ownerId = owner.groupId ?? owner.projectId!;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`milestones:${owner.groupId !== undefined ? "group" : "project"}`}), ${ownerId})`);
  const again = await findMilestones(tx, scope, titles);
  const missing = titles.filter((title) => !again.has(title));
  if (missing.length === 0) return again;
  const [last] = await tx.select({ iid: max(milestones.iid) }).from(milestones).where(sql`${ownerColumn} = ${ownerId}`);
  let next = (last?.iid ?? 0) + 1;
  await tx.insert(milestones).values(
    missing.map((title) => {
      const { iid: _iid, ...milestone } = byTitle.get(title)!;
      void _iid;
      return Object.assign({}, milestone, { iid: next++, ...owner });
    }),
  );
  return findMilestones(tx, scope, titles);
}
