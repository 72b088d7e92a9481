import { eq, inArray } from "drizzle-orm";
import { getDb, groups, projects } from "@/lib/db";
import type { Milestone } from "@/lib/content";

/** A milestone with the full path of its project or group, for its web_url. */
export type MilestoneWithPath = Milestone & { ownerPath: string };

/** The milestones with their owners' full paths: two queries at most, whatever the count. */
export async function withOwnerPaths(list: readonly Milestone[]): Promise<Map<number, MilestoneWithPath>> {
  const projectIds = [...new Set(list.flatMap((m) => (m.projectId === null ? [] : [m.projectId])))];
  const groupIds = [...new Set(list.flatMap((m) => (m.groupId === null ? [] : [m.groupId])))];
  const db = getDb();
  const [projectRows, groupRows] = await Promise.all([
    projectIds.length ? db.select({ id: projects.id, path: projects.path, namespace: groups.fullPath }).from(projects).innerJoin(groups, eq(groups.id, projects.namespaceId)).where(inArray(projects.id, projectIds)) : [],
    groupIds.length ? db.select({ id: groups.id, path: groups.fullPath }).from(groups).where(inArray(groups.id, groupIds)) : [],
  ]);
  const projectPath = new Map(projectRows.map((row) => [row.id, `${row.namespace}/${row.path}`]));
  const groupPath = new Map(groupRows.map((row) => [row.id, row.path]));
  return new Map(list.map((m) => [m.id, { ...m, ownerPath: (m.projectId !== null ? projectPath.get(m.projectId) : groupPath.get(m.groupId!)) ?? "" }]));
}
