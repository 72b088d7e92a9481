// Public face of lib/merge-requests: a project's merge requests (a group's and a user's, project by project), who may
// read them, their latest diff (commits, files) and their changes from git or the stored diff. Their notes and
// discussions are lib/content's, as every noteable's.
export { CHANGES_LIMITS, mergeRequestChanges, storedAsDiffFile, type MergeRequestChanges } from "./changes";
export { COLLAPSED_DIFF_BYTES, diffFileTexts, findMergeRequestDiff, findMergeRequestDiffFile, listMergeRequestCommits, listMergeRequestDiffFiles, type MergeRequestDiff, type MergeRequestDiffCommit, type StoredDiffFile } from "./diffs";
export {
  countMergeRequestsByState,
  findMergeRequest,
  groupMergeRequestScope,
  listMergeRequests,
  projectMergeRequestScope,
  viewerMergeRequestScope,
  type ListMergeRequestsOptions,
  type MergeRequest,
  type MergeRequestFilters,
  type MergeRequestOrder,
  type MergeRequestRow,
  type MergeRequestScope,
  type MergeRequestState,
  type ReviewerRow,
} from "./queries";
export { diffExcerpt, positionOf, type DiffPosition } from "./diff-excerpt";
