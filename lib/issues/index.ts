// Public face of lib/issues: a project's issues (and a group's, project by project, and a user's), who may read them,
// and what hangs from them (award emoji, resource events, related merge requests). Their notes and activity are
// lib/content's, as every noteable's.
export {
  countIssuesByState,
  findIssue,
  groupIssueScope,
  issueScopeOf,
  issueFilterOptions,
  ISSUE_ORDERS,
  listIssues,
  projectIssueScope,
  readableIssueSql,
  userIssueScope,
  type Issue,
  type IssueFilterOptions,
  type IssueOrder,
  type IssueRow,
  type IssueScope,
  type ListIssuesOptions,
} from "./queries";
export { listIssueAwards, listIssueLabelEvents, listIssueMilestoneEvents, listIssueStateEvents, type AwardRow, type LabelEventRow, type MilestoneEventRow, type StateEventRow } from "./activity";
export { listIssueDesigns, type IssueDesign } from "./designs";
export { designsWithImages, openDesignImage, type DesignImage } from "./design-image";
export { closesIssue, relatedMergeRequests, type RelatedMergeRequest } from "./related-merge-requests";
export type { MilestoneWithPath } from "@/lib/content";
