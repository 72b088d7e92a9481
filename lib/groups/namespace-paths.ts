import { and, eq, sql } from "drizzle-orm";
import { groups, projects, type Tx } from "@/lib/db";

// Any constant no other advisory lock of Ferry's uses as its first key.
const NAMESPACE_PATHS_LOCK = 7_264_002;

/**
 * Subgroups and projects share their parent's URL space (`group/x` is one or the other), which no unique index can
 * hold across two tables: creations of either in one group take this lock, so the check and the insert after it are
 * one step for every other creator. Released when the transaction ends.
 */
export async function lockNamespacePaths(tx: Tx, namespaceId: number): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${NAMESPACE_PATHS_LOCK}, ${namespaceId})`);
}

/** Whether a subgroup of `parentId` has this path, whatever its case. */
export async function subgroupPathTaken(tx: Tx, parentId: number, path: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: groups.id })
    .from(groups)
    .where(and(eq(groups.parentId, parentId), sql`lower(${groups.path}) = lower(${path})`))
    .limit(1);
  return Boolean(row);
}

/** Whether a project in `namespaceId` has this path, whatever its case. */
export async function projectPathTaken(tx: Tx, namespaceId: number, path: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.namespaceId, namespaceId), sql`lower(${projects.path}) = lower(${path})`))
    .limit(1);
  return Boolean(row);
}
