// Public face of lib/groups: what is truly a group's (access, creation, paths, avatars, epics, epic boards,
// iterations), and the URL space a group shares with its projects (path rules, path claims); what a project has too
// (labels, boards, notes...) is lib/content's.
export { accessLevelSql, canAdminGroup, visibleToSql, VISIBILITY_RANK, type Viewer } from "./access";
export { canCreateSubgroup, capVisibility, createGroup, GroupError, newGroupSchema, SUBGROUP_CREATION_MIN_LEVEL, type NewGroup } from "./create";
export { groupNameError, groupPathError, isValidGroupPath, PATH_FORMAT_MESSAGE, pathFromName, projectNameError, projectPathError, projectPathFromName } from "./path-rules";
export { lockNamespacePaths, projectPathTaken, subgroupPathTaken } from "./namespace-paths";
export { findGroup, fullPathExists, listGroups, listMembers, type Group, type GroupWithAccess, type ListGroupsOptions, type MemberRow } from "./queries";
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
export { countEpicsByState, findEpic, findEpicById, listChildEpics, listEpics, readableEpicSql, type AwardCount, type Epic, type EpicRow, type ListEpicsOptions, type UserSummary } from "./epics";
