import { eq, sql } from "drizzle-orm";
import { bulkImportEntities, type Tx } from "@/lib/db";
import { repositoryExists, repositoryPath, writeMergeRequestRefs } from "@/lib/repositories";

/**
 * Once every batch of a project's merge requests has loaded: `refs/merge-requests/<iid>/head` for each merge request
 * this entity imported whose head commit (`diff_head_sha`, else its diff's head commit, else the diff's newest commit)
 * is in the project's repository, so that a merge request whose source branch is gone can still be fetched and shown.
 * One query and three git processes for the whole relation; a replay writes nothing twice.
 */
export async function writeImportedMergeRequestRefs(tx: Tx, entityId: number): Promise<void> {
  const [entity] = await tx.select({ projectId: bulkImportEntities.projectId }).from(bulkImportEntities).where(eq(bulkImportEntities.id, entityId));
  const projectId = entity?.projectId;
  if (!projectId || !(await repositoryExists(projectId, "project"))) return;
  const { rows } = await tx.execute<{ iid: number; sha: string }>(sql`
    SELECT mr.iid, COALESCE(mr.diff_head_sha, d.head_commit_sha, c.sha) AS sha
    FROM merge_requests mr
    LEFT JOIN merge_request_diffs d ON d.merge_request_id = mr.id
    LEFT JOIN merge_request_diff_commits c ON c.merge_request_diff_id = d.id AND c.relative_order = 0
    WHERE mr.import_entity_id = ${entityId} AND mr.project_id = ${projectId}`);
  await writeMergeRequestRefs(
    repositoryPath(projectId, "project"),
    rows.flatMap((row) => (row.sha ? [{ iid: Number(row.iid), sha: row.sha }] : [])),
  );
}
