import { eq, inArray } from "drizzle-orm";
import { getDb, groups, projects } from "@/lib/db";
import type { PortableKind } from "@/lib/relations";

/** An owner as addresses name it: a group's pages are under `/groups/<full path>`, a project's under `/<full path>`. */
export interface OwnerPath {
  kind: PortableKind;
  id: number;
  fullPath: string;
}

export const ownerWebPath = (owner: OwnerPath) => (owner.kind === "group" ? `/groups/${owner.fullPath}` : `/${owner.fullPath}`);

interface OwnedRow {
  groupId: number | null;
  projectId: number | null;
}

/**
 * The owners of these rows (milestones of a project and of its ancestor groups, a board's lists' milestones), in two
 * queries at most whatever their count. A row whose owner is gone has none.
 */
export async function ownerPathsOf(rows: readonly OwnedRow[]): Promise<(row: OwnedRow) => OwnerPath | undefined> {
  const groupIds = [...new Set(rows.flatMap((r) => (r.groupId !== null ? [r.groupId] : [])))];
  const projectIds = [...new Set(rows.flatMap((r) => (r.projectId !== null ? [r.projectId] : [])))];
  const db = getDb();
  const [groupRows, projectRows] = await Promise.all([
    groupIds.length ? db.select({ id: groups.id, fullPath: groups.fullPath }).from(groups).where(inArray(groups.id, groupIds)) : [],
    projectIds.length
      ? db.select({ id: projects.id, namespacePath: groups.fullPath, path: projects.path }).from(projects).innerJoin(groups, eq(groups.id, projects.namespaceId)).where(inArray(projects.id, projectIds))
      : [],
  ]);
  const groupPaths = new Map(groupRows.map((g) => [g.id, g.fullPath]));
  const projectPaths = new Map(projectRows.map((p) => [p.id, `${p.namespacePath}/${p.path}`]));
  return (row) => {
    if (row.projectId !== null) {
      const fullPath = projectPaths.get(row.projectId);
      return fullPath === undefined ? undefined : { kind: "project", id: row.projectId, fullPath };
    }
    const fullPath = row.groupId !== null ? groupPaths.get(row.groupId) : undefined;
    return fullPath === undefined ? undefined : { kind: "group", id: row.groupId!, fullPath };
  };
}
