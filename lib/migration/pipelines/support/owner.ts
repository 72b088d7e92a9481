import { eq, inArray, or, type SQL } from "drizzle-orm";
import { type Db, groups, projects, type Tx } from "@/lib/db";
import type { OwnedTable, Owner } from "@/lib/content";
import { RecordError } from "../../errors";
import type { EntityContext } from "./types";

/**
 * Whose content an entity imports: a group entity's destination group, a project entity's destination project. Before
 * its stage-0 pipeline has created one there is no owner, and this throws rather than let records land elsewhere.
 */
export function ownerOf(entity: Pick<EntityContext, "entityId" | "portable" | "groupId" | "projectId">): Owner {
  if (entity.portable === "project") {
    if (entity.projectId === null) throw new Error(`Entity ${entity.entityId} has no destination project yet: its project pipeline has not run.`);
    return { projectId: entity.projectId };
  }
  if (entity.groupId === null) throw new Error(`Entity ${entity.entityId} has no destination group yet: its group pipeline has not run.`);
  return { groupId: entity.groupId };
}

/**
 * What an owner's references resolve against (labels and milestones by title, iterations, users): its own records,
 * then those of its groups, the nearest first. `groupIds` are root first: a group's traversal ids, or those of a
 * project's group.
 */
export interface OwnerScope {
  owner: Owner;
  groupIds: number[];
}

/** The owner's scope, from its group (or its project's group); fails the record when the owner is gone. */
export async function ownerScope(tx: Db | Tx, owner: Owner): Promise<OwnerScope> {
  const [group] =
    owner.groupId !== undefined
      ? await tx.select({ traversalIds: groups.traversalIds }).from(groups).where(eq(groups.id, owner.groupId))
      : await tx.select({ traversalIds: groups.traversalIds }).from(projects).innerJoin(groups, eq(groups.id, projects.namespaceId)).where(eq(projects.id, owner.projectId));
  if (!group) throw new RecordError(`The destination ${owner.groupId !== undefined ? "group" : "project"} no longer exists.`, owner.groupId !== undefined ? "GroupNotFound" : "ProjectNotFound");
  return { owner, groupIds: group.traversalIds.length ? group.traversalIds : owner.groupId !== undefined ? [owner.groupId] : [] };
}

/** Rows of a table that belong to the scope: the project's own (when the owner is one) or its groups'. */
export function inScope(table: OwnedTable, scope: OwnerScope): SQL {
  const ofGroups = inArray(table.groupId, scope.groupIds);
  return scope.owner.projectId !== undefined ? or(eq(table.projectId, scope.owner.projectId), ofGroups)! : ofGroups;
}

/** How near a row is to the owner: its own records first, then its group, its parent... (higher is nearer). */
export function nearness(scope: OwnerScope, row: { groupId: number | null; projectId: number | null }): number {
  if (row.projectId !== null) return row.projectId === scope.owner.projectId ? scope.groupIds.length : -1;
  return row.groupId === null ? -1 : scope.groupIds.indexOf(row.groupId);
}
