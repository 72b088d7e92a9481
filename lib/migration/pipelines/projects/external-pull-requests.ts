import { externalPullRequests } from "@/lib/db";
import { RecordError } from "../../errors";
import { importColumns, requiredString } from "../support/record-fields";
import { insertByImportKey } from "../support/insert-by-import-key";
import { ownerOf } from "../support/owner";
import type { NdjsonPipeline } from "../support/types";

type ExternalPullRequestRow = typeof externalPullRequests.$inferInsert;
const COLUMNS = ["pull_request_iid", "status", "source_branch", "target_branch", "source_repository", "target_repository", "source_sha", "target_sha", "created_at", "updated_at"] as const;
const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

function sha(record: Record<string, unknown>, field: string): string {
  const value = requiredString(record, field);
  if (!SHA.test(value)) throw new RecordError(`${field} is not a commit SHA`);
  return value;
}

/**
 * Stage 4: pull requests of a GitHub mirror that the project's CI ran for (GitLab's ExternalPullRequestsPipeline).
 * They have no page in GitLab; Ferry keeps them for the pipelines that refer to them and exports them back.
 */
export const externalPullRequestsPipeline: NdjsonPipeline<ExternalPullRequestRow> = {
  kind: "ndjson",
  relation: "external_pull_requests",
  transform(record, entity, key) {
    const iid = record.pull_request_iid;
    if (typeof iid !== "number" || !Number.isInteger(iid) || iid < 1) throw new RecordError("pull_request_iid must be a positive integer");
    const status = requiredString(record, "status");
    if (status !== "open" && status !== "closed") throw new RecordError(`status ${status} is not open or closed`);
    return {
      projectId: ownerOf(entity).projectId!,
      pullRequestIid: iid,
      status,
      sourceBranch: requiredString(record, "source_branch"),
      targetBranch: requiredString(record, "target_branch"),
      sourceRepository: requiredString(record, "source_repository"),
      targetRepository: requiredString(record, "target_repository"),
      sourceSha: sha(record, "source_sha"),
      targetSha: sha(record, "target_sha"),
      ...importColumns(record, entity.entityId, key, COLUMNS),
    };
  },
  load: insertByImportKey(externalPullRequests),
  titleOf: (record) => (typeof record.pull_request_iid === "number" ? `!${record.pull_request_iid}` : undefined),
};
