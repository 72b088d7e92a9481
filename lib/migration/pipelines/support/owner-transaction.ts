import { getDb, type Tx } from "@/lib/db";
import { ownerOf, ownerScope, type OwnerScope } from "./owner";
import type { EntityContext } from "./types";

/**
 * Runs `work` in a short transaction of its own against the entity's owner scope, before a chunk's transaction: what a
 * chunk finds or creates by name (labels, milestones) is made here, so that the first chunk's rows are committed at
 * once. Created inside the chunk's transaction, they would hold their unique keys until it commits, and every
 * concurrent chunk naming the same label would wait on it (seconds, for a chunk of 1,000 issues with their notes).
 */
export async function inOwnerTransaction<T>(entity: EntityContext, work: (tx: Tx, scope: OwnerScope) => Promise<T>): Promise<T> {
  return getDb().transaction(async (tx) => work(tx, await ownerScope(tx, ownerOf(entity))));
}
