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
export { labelTextColor, listLabels, type Label } from "./labels";
export { listMilestones, type Milestone } from "./milestones";
export { findEpicNote, listEpicActivity, listEpicNotes, listNotes, listSnippetNotes, noteCounts, type ActivityItem, type ListNotesOptions, type Note, type NoteableRef, type NoteRow, type StateEventRow } from "./notes";
export { ownerKind, ownerWhere, portableOwner, toOwner, type OwnedTable, type Owner, type OwnerRef } from "./owner";
export { countGroupRelations, countRelations, type GroupRelationCounts } from "./relation-counts";
export { RELATION_OWNER_COLUMNS } from "./relation-tables";
export { findUpload, findVisibleUpload, importedUploads, listUploadsAfter, type Upload } from "./uploads";
