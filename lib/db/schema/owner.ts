import { sql } from "drizzle-orm";
import { check, type ExtraConfigColumn, type IndexBuilder, type IndexBuilderOn, integer } from "drizzle-orm/pg-core";
import { groups } from "./groups";
import { projects } from "./projects";

/**
 * What GitLab's labels, milestones, boards, badges, uploads, notes and events belong to: a group or a project, one
 * column each (GitLab's `group_id` / `project_id`), exactly one of them set.
 */
export const ownerColumns = () => ({
  groupId: integer("group_id").references(() => groups.id, { onDelete: "cascade" }),
  projectId: integer("project_id").references(() => projects.id, { onDelete: "cascade" }),
});

interface OwnedColumns {
  groupId: ExtraConfigColumn;
  projectId: ExtraConfigColumn;
}

/** The constraint that a row has one owner: `<table>_one_owner`. */
export const oneOwner = (table: string, t: OwnedColumns) => check(`${table}_one_owner`, sql`num_nonnulls(${t.groupId}, ${t.projectId}) = 1`);

/**
 * An index per owner column, each partial on its column being set (`<table>_group_..._idx WHERE group_id IS NOT NULL`
 * and the project's twin): what was unique in a group is unique in a project too, and a query on one owner column
 * (`group_id = $1` implies `group_id IS NOT NULL`) reads the index of that column.
 */
export function perOwner(t: OwnedColumns, index: (owner: "group" | "project") => IndexBuilderOn, columns: (owner: ExtraConfigColumn) => Parameters<IndexBuilderOn["on"]>): IndexBuilder[] {
  return [
    index("group")
      .on(...columns(t.groupId))
      .where(sql`${t.groupId} IS NOT NULL`),
    index("project")
      .on(...columns(t.projectId))
      .where(sql`${t.projectId} IS NOT NULL`),
  ];
}
