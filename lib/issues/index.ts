// Public face of lib/issues: a project's issues (and a group's, project by project), who may read them, and what hangs
// from them (award emoji, resource events). Their notes are lib/content's, as every noteable's.
export { findIssue, groupIssueScope, issueScopeOf, listIssues, projectIssueScope, readableIssueSql, type Issue, type IssueRow, type IssueScope, type ListIssuesOptions } from "./queries";
export { listIssueAwards, listIssueLabelEvents, listIssueMilestoneEvents, listIssueStateEvents, type AwardRow, type LabelEventRow, type MilestoneEventRow, type StateEventRow } from "./activity";
export type { MilestoneWithPath } from "./milestone-paths";
