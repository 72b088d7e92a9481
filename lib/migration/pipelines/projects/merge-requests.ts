import { mergeRequests } from "@/lib/db";
import { prepareIssuables } from "../support/issuable-load";
import { sourceWebUrl } from "../support/source-urls";
import type { NdjsonPipeline } from "../support/types";
import { writeImportedMergeRequestRefs } from "./merge-request-refs";
import { loadMergeRequests } from "./merge-requests-load";
import { transformMergeRequest, type MergeRequestRow } from "./merge-requests-transform";

/**
 * Stage 4 of a project entity (GitLab's MergeRequestsPipeline): the project's merge requests from the `merge_requests`
 * export, batched or not, keeping their iids, each with its assignees, reviewers, approvals, metrics, labels,
 * milestone, latest diff (commits and files), notes (diff notes with their positions, hunks and suggestions), award
 * emoji, events, resource events and timelogs, the users they name mapped to accounts or placeholders. Once all are
 * in, their head refs are written into the repository (the repository pipelines run in earlier stages).
 */
export const mergeRequestsPipeline: NdjsonPipeline<MergeRequestRow> = {
  kind: "ndjson",
  relation: "merge_requests",
  transform: transformMergeRequest,
  load: loadMergeRequests,
  iids: { table: mergeRequests, of: (row) => row.values.iid },
  // As issues: users mapped, labels and milestones made, before the chunk's transaction.
  prepare: prepareIssuables,
  finish: (tx, entity) => writeImportedMergeRequestRefs(tx, entity.entityId),
  titleOf: (record) => (typeof record.title === "string" ? record.title : undefined),
  sourceUrlOf: (record, entity) => (typeof record.iid === "number" ? sourceWebUrl(entity, `merge_requests/${record.iid}`) : undefined),
};
