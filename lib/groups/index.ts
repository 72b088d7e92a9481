export { accessLevelSql, visibleToSql, VISIBILITY_RANK, type Viewer } from "./access";
export { canCreateSubgroup, capVisibility, createGroup, GroupError, newGroupSchema, SUBGROUP_CREATION_MIN_LEVEL, type NewGroup } from "./create";
export { groupNameError, groupPathError, isValidGroupPath, PATH_FORMAT_MESSAGE, pathFromName } from "./path-rules";
export { labelTextColor, listLabels, listMilestones, type Label, type Milestone } from "./content";
export { findGroup, fullPathExists, listGroups, listMembers, type Group, type GroupWithAccess, type ListGroupsOptions, type MemberRow } from "./queries";
export { countGroupRelations, type GroupRelationCounts } from "./relation-counts";
export { findBadge, isSafeBadgeUrl, listBadges, type Badge } from "./badges";
export { findBoard, findBoardsById, listBoardNames, listBoards, MILESTONE_SCOPES, MOVABLE_LIST_TYPES, type Board, type BoardDetails, type BoardIteration, type BoardList, type BoardListDetails, type BoardMilestone, type BoardUser } from "./boards";
export { findEpicBoard, findEpicBoardsById, listEpicBoardColumns, listEpicBoardNames, type EpicBoard, type EpicBoardColumn, type EpicBoardDetails, type EpicBoardList, type EpicBoardListDetails } from "./epic-boards";
export { AVATAR_MAX_BYTES, avatarHeaders, avatarRefusal, groupAvatarUrl, readGroupAvatar, saveGroupAvatar, type StoredAvatar } from "./avatar";
export {
  findIteration,
  ITERATION_FILTERS,
  ITERATION_STATE_ENUM,
  iterationStateOn,
  listIterationCadences,
  listIterations,
  todayUtc,
  type IterationCadence,
  type IterationFilter,
  type IterationRow,
  type IterationState,
} from "./iterations";
export { countEpicsByState, findEpic, findEpicById, listChildEpics, listEpics, type AwardCount, type Epic, type EpicRow, type ListEpicsOptions, type UserSummary } from "./epics";
export { findEpicNote, listEpicActivity, listEpicNotes, type ActivityItem, type ListNotesOptions, type Note, type NoteRow, type StateEventRow } from "./notes";
