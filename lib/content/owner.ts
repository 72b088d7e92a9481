import { inArray, or, sql, type SQL } from "drizzle-orm";
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

/**
 * What the read functions take: one owner, or several whose rows they read together (a project's with its ancestor
 * groups', as GitLab's `include_ancestor_groups` lists them).
 */
export type Owners = OwnerRef | readonly OwnerRef[];

const isList = (refs: Owners): refs is readonly OwnerRef[] => Array.isArray(refs);

/** The owners one by one, in the order given. */
export const ownerList = (refs: Owners): Owner[] => (isList(refs) ? refs : [refs]).map(toOwner);

/** Whether a row belongs to this owner. */
export const ownedBy = (row: { groupId: number | null; projectId: number | null }, owner: Owner) => (owner.groupId !== undefined ? row.groupId === owner.groupId : row.projectId === owner.projectId);

/**
 * The rows of the owners: `group_id = ANY($1)` and/or `project_id = ANY($2)`, each served by its column's partial
 * indexes (PostgreSQL ORs the two index scans).
 */
export function ownerWhere(table: OwnedTable, refs: Owners): SQL {
  const owners = ownerList(refs);
  const groupIds = owners.flatMap((o) => (o.groupId !== undefined ? [o.groupId] : []));
  const projectIds = owners.flatMap((o) => (o.projectId !== undefined ? [o.projectId] : []));
  const parts = [...(groupIds.length ? [inArray(table.groupId, groupIds)] : []), ...(projectIds.length ? [inArray(table.projectId, projectIds)] : [])];
  // No owner owns nothing; `false` keeps the query valid.
  if (parts.length === 0) return sql`false`;
  return parts.length === 1 ? parts[0]! : or(...parts)!;
}

/** The owner of a group's or a project's content, from the portable's kind and id. */
export function portableOwner(kind: PortableKind, id: number): Owner {
  return kind === "group" ? { groupId: id } : { projectId: id };
}

export function ownerKind(owner: Owner): PortableKind {
  return owner.groupId !== undefined ? "group" : "project";
}
