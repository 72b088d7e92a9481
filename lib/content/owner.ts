import { eq, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { PortableKind } from "@/lib/relations";

/**
 * What a label, milestone, board, badge, upload, note or event belongs to: a group or a project, as GitLab's
 * `group_id` / `project_id`. Spread into an insert's values, it sets the one owner column.
 */
export type Owner = { groupId: number; projectId?: never } | { projectId: number; groupId?: never };

/**
 * What the read functions take: an owner, or a group's id for the group. The second form is for the group pages,
 * which pass `group.id` until they pass owners (their routes are being restructured); new callers pass an Owner.
 */
export type OwnerRef = Owner | number;

export const toOwner = (ref: OwnerRef): Owner => (typeof ref === "number" ? { groupId: ref } : ref);

/** A table with the two owner columns (lib/db/schema/owner.ts). */
export interface OwnedTable {
  groupId: AnyPgColumn;
  projectId: AnyPgColumn;
}

/** The rows of one owner: `group_id = $1` or `project_id = $1`, each served by its column's indexes. */
export function ownerWhere(table: OwnedTable, ref: OwnerRef): SQL {
  const owner = toOwner(ref);
  return owner.groupId !== undefined ? eq(table.groupId, owner.groupId) : eq(table.projectId, owner.projectId);
}

/** The owner of a group's or a project's content, from the portable's kind and id. */
export function portableOwner(kind: PortableKind, id: number): Owner {
  return kind === "group" ? { groupId: id } : { projectId: id };
}

export function ownerKind(owner: Owner): PortableKind {
  return owner.groupId !== undefined ? "group" : "project";
}
