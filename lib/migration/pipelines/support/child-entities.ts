import { bulkImportEntities, type Db } from "@/lib/db";
import type { EntityContext } from "./types";

/** A group or project found on the source under an entity, to be migrated under what that entity created. */
export interface ChildEntity {
  sourceType: "group_entity" | "project_entity";
  sourceFullPath: string;
  sourceXid: number;
  destinationSlug: string;
}

/**
 * Adds one page of children (subgroups, projects) to the parent's import, under `destinationNamespace` (the group the
 * parent created), with the parent's options. The unique (import, type, source path) index makes a replayed page add
 * nothing, so the pipelines that find children may run again after any crash.
 */
export async function addChildEntities(db: Db, parent: EntityContext, destinationNamespace: string, children: readonly ChildEntity[]): Promise<void> {
  if (children.length === 0) return;
  await db
    .insert(bulkImportEntities)
    .values(
      children.map((child) => Object.assign({}, child, {
        bulkImportId: parent.bulkImportId,
        parentId: parent.entityId,
        destinationNamespace,
        // A project has no projects of its own to take: the option is a group's.
        migrateProjects: child.sourceType === "group_entity" && parent.migrateProjects,
        migrateMemberships: parent.migrateMemberships,
      })),
    )
    .onConflictDoNothing();
}
