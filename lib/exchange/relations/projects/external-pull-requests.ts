import { asc } from "drizzle-orm";
import { externalPullRequests, getDb } from "@/lib/db";
import { mergedRecord } from "../support/merged-record";
import { idsOf, iso, ownedIds } from "../support/record-ids";
import type { CollectionRelation, ExportRecord } from "../support/types";

type ExternalPullRequest = typeof externalPullRequests.$inferSelect;

/** An external pull request as GitLab's project export writes it: what the source sent, then the columns, which win. */
export function externalPullRequestRecord(row: ExternalPullRequest): ExportRecord {
  return mergedRecord(row.sourceAttributes, {
    id: row.id,
    pull_request_iid: row.pullRequestIid,
    source_branch: row.sourceBranch,
    target_branch: row.targetBranch,
    source_repository: row.sourceRepository,
    target_repository: row.targetRepository,
    source_sha: row.sourceSha,
    target_sha: row.targetSha,
    status: row.status,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  });
}

export const externalPullRequestsRelation: CollectionRelation = {
  kind: "collection",
  name: "external_pull_requests",
  ids: idsOf(externalPullRequests, externalPullRequests.id, externalPullRequests.projectId),
  async records(projectId, ids) {
    const rows = await getDb()
      .select()
      .from(externalPullRequests)
      .where(ownedIds(externalPullRequests.id, externalPullRequests.projectId, projectId, ids))
      .orderBy(asc(externalPullRequests.id));
    return rows.map(externalPullRequestRecord);
  },
};
