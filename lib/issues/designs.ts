import { sql } from "drizzle-orm";
import { designs, getDb } from "@/lib/db";

/** GitLab's DesignAction#event for a deletion: that version's commit no longer has the file. */
export const DESIGN_DELETION = 2;

/** A design as the issue page lists it (GitLab's designs area under the description). */
export interface IssueDesign {
  id: number;
  filename: string;
  /** How many versions touched it (created, changed or deleted it). */
  versionCount: number;
  latestVersionAt: Date | null;
  /** Whether its latest version deleted it: GitLab keeps it, only to show in older versions. */
  deleted: boolean;
  /** The commit of its latest version in the design repository (its image's address names it). */
  latestSha: string | null;
  /** Its comments (system notes aside). */
  noteCount: number;
}

/**
 * An issue's designs in GitLab's order (relative position, then oldest first): one query, each figure from its own
 * index (designs by issue, actions by design, notes by noteable).
 */
export async function listIssueDesigns(issueId: number): Promise<IssueDesign[]> {
  const { rows } = await getDb().execute<{ id: number; filename: string; version_count: number; latest_version_at: string | Date | null; latest_event: number | null; latest_sha: string | null; note_count: number }>(sql`
    SELECT d.id, d.filename,
      (SELECT count(*)::int FROM design_actions a WHERE a.design_id = d.id) AS version_count,
      (SELECT max(v.created_at) FROM design_actions a JOIN design_versions v ON v.id = a.version_id WHERE a.design_id = d.id) AS latest_version_at,
      latest.event AS latest_event, latest.sha AS latest_sha,
      (SELECT count(*)::int FROM notes n WHERE n.noteable_type = 'DesignManagement::Design' AND n.noteable_id = d.id AND NOT n.system) AS note_count
    FROM ${designs} d
    LEFT JOIN LATERAL (
      SELECT a.event, v.sha FROM design_actions a JOIN design_versions v ON v.id = a.version_id WHERE a.design_id = d.id ORDER BY v.created_at DESC, v.id DESC LIMIT 1
    ) latest ON true
    WHERE d.issue_id = ${issueId}
    ORDER BY d.relative_position ASC NULLS LAST, d.id`);
  return rows.map((row) => ({
    id: Number(row.id),
    filename: row.filename,
    versionCount: Number(row.version_count),
    latestVersionAt: row.latest_version_at === null ? null : new Date(row.latest_version_at),
    deleted: row.latest_event === DESIGN_DELETION,
    latestSha: row.latest_sha,
    noteCount: Number(row.note_count),
  }));
}
