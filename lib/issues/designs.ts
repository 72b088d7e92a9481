import { asc, eq, sql } from "drizzle-orm";
import { designActions, designs, designVersions, getDb, notes } from "@/lib/db";

/** A design as the issue page lists it (GitLab's designs area under the description). */
export interface IssueDesign {
  id: number;
  filename: string;
  /** How many versions touched it (created, changed or deleted it). */
  versionCount: number;
  latestVersionAt: Date | null;
  /** Whether its latest version deleted it: GitLab keeps it, only to show in older versions. */
  deleted: boolean;
  /** Its comments (system notes aside). */
  noteCount: number;
}

/**
 * An issue's designs in GitLab's order (relative position, then oldest first): one query, each figure from its own
 * index (actions by design, notes by noteable).
 */
export async function listIssueDesigns(issueId: number): Promise<IssueDesign[]> {
  const latest = sql`(SELECT ${designActions.event} FROM ${designActions} JOIN ${designVersions} ON ${designVersions.id} = ${designActions.versionId}
    WHERE ${designActions.designId} = ${designs.id} ORDER BY ${designVersions.createdAt} DESC, ${designVersions.id} DESC LIMIT 1)`;
  const rows = await getDb()
    .select({
      id: designs.id,
      filename: designs.filename,
      versionCount: sql<number>`(SELECT count(*)::int FROM ${designActions} WHERE ${designActions.designId} = ${designs.id})`,
      latestVersionAt: sql<string | null>`(SELECT max(${designVersions.createdAt}) FROM ${designActions} JOIN ${designVersions} ON ${designVersions.id} = ${designActions.versionId} WHERE ${designActions.designId} = ${designs.id})`,
      latestEvent: sql<number | null>`${latest}`,
      noteCount: sql<number>`(SELECT count(*)::int FROM ${notes} WHERE ${notes.noteableType} = 'DesignManagement::Design' AND ${notes.noteableId} = ${designs.id} AND NOT ${notes.system})`,
    })
    .from(designs)
    .where(eq(designs.issueId, issueId))
    .orderBy(sql`${designs.relativePosition} ASC NULLS LAST`, asc(designs.id));
  return rows.map(({ latestEvent, latestVersionAt, ...row }) => ({ ...row, latestVersionAt: latestVersionAt === null ? null : new Date(latestVersionAt), deleted: latestEvent === 2 }));
}
