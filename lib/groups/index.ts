export { accessLevelSql, visibleToSql, VISIBILITY_RANK, type Viewer } from "./access";
export { canCreateSubgroup, capVisibility, createGroup, GroupError, newGroupSchema, SUBGROUP_CREATION_MIN_LEVEL, type NewGroup } from "./create";
export { groupNameError, groupPathError, isValidGroupPath, PATH_FORMAT_MESSAGE, pathFromName } from "./path-rules";
export { labelTextColor, listLabels, listMilestones, type Label, type Milestone } from "./content";
export { findGroup, fullPathExists, listGroups, listMembers, type Group, type GroupWithAccess, type ListGroupsOptions, type MemberRow } from "./queries";
export { countGroupRelations, type GroupRelationCounts } from "./relation-counts";
