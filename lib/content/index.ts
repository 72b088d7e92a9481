// Public face of lib/content: what a group and a project both have (GitLab's common relations), read by its owner.
export { awardCounts, type AwardableType } from "./award-emoji";
export { findBadge, isSafeBadgeUrl, listBadges, type Badge } from "./badges";
export {
  findBoard,
  findBoardsById,
  listBoardNames,
  listBoards,
  MILESTONE_SCOPES,
  MOVABLE_LIST_TYPES,
  type Board,
  type BoardDetails,
  type BoardIteration,
  type BoardList,
  type BoardListDetails,
  type BoardMilestone,
  type BoardUser,
} from "./boards";
export { discussionIdOf, listDiscussions, type Discussion, type DiscussionNote, type NoteDiffFile, type Suggestion } from "./discussions";
export { authorSql, labelledSql, linkedUserSql, milestoneSql, searchSql, type IssuableTables, type UserFilter } from "./issuable-filters";
export { textArray } from "./sql-arrays";
export { distinct, groupBy, intArray, issuableScopeOf, linkedLabelsOf, linkedUsersOf, userNoteCounts, userSummaryColumns, type IssuableScope } from "./issuable-rows";
export { findLabel, labelTextColor, listLabels, type Label } from "./labels";
export { findMilestone, findMilestoneByIid, listMilestones, type Milestone } from "./milestones";
export { listActivity, listEpicActivity, type ActivityItem, type LabelChangeRow, type MilestoneChangeRow, type StateEventRow } from "./activity";
export { findEpicNote, listEpicNotes, listNotes, listSnippetNotes, noteCounts, type ListNotesOptions, type Note, type NoteableRef, type NoteRow } from "./notes";
export { ownedBy, ownerKind, ownerList, ownerWhere, portableOwner, toOwner, type OwnedTable, type Owner, type OwnerRef, type Owners } from "./owner";
export { withOwnerPaths, type MilestoneWithPath } from "./milestone-paths";
export { ownerPathsOf, ownerWebPath, type OwnerPath } from "./owner-paths";
export { countGroupRelations, countRelations, type GroupRelationCounts } from "./relation-counts";
export { RELATION_OWNER_COLUMNS } from "./relation-tables";
export { findUpload, findVisibleUpload, importedUploads, listUploadsAfter, type Upload } from "./uploads";
