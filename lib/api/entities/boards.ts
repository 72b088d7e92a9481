import { MILESTONE_SCOPES, MOVABLE_LIST_TYPES, type BoardDetails, type BoardListDetails, type BoardUser, type Label } from "@/lib/content";
import type { Group } from "@/lib/groups";
import type { ProjectWithAccess } from "@/lib/projects";
import type { Viewer } from "@/lib/viewer";
import { labelBasicEntity, milestoneEntity } from "./content";
import { iterationEntity } from "./iterations";
import { projectBasicEntity } from "./project";
import { userBasic } from "./user";

/** LabelBasic as boards and lists show it, with the flag that takes the label off an issue when it closes. */
const boardLabelEntity = (label: Label) => ({ ...labelBasicEntity(label), remove_on_close: label.sourceAttributes.remove_on_close === true });

// GitLab's UserSafe, what a list shows of its assignee.
const userSafe = (user: BoardUser) => ({ id: user.id, username: user.username, name: user.name });

/**
 * GitLab's List entity as a group board shows it (EE, with work-in-progress limits): the list's label, milestone,
 * iteration or assignee, its position and limits. GitLab has no list type in it: the one object present says it.
 */
export function boardListEntity(list: BoardListDetails, baseUrl: string) {
  const limitMetric = list.sourceAttributes.limit_metric;
  return {
    id: list.id,
    label: list.label ? boardLabelEntity(list.label) : null,
    position: list.position,
    ...(list.listType === "milestone" && list.milestone ? { milestone: milestoneEntity(list.milestone.milestone, list.milestone.owner, baseUrl) } : {}),
    ...(list.listType === "iteration" && list.iteration ? { iteration: iterationEntity(list.iteration.iteration, list.iteration.groupFullPath, baseUrl) } : {}),
    ...(list.listType === "assignee" && list.user ? { assignee: userSafe(list.user) } : {}),
    max_issue_count: list.maxIssueCount,
    max_issue_weight: list.maxIssueWeight,
    limit_metric: typeof limitMetric === "string" ? limitMetric : null,
  };
}

/** The lists GitLab's API shows of a board (`destroyable`): all but the backlog (Open) and Closed lists. */
export const movableLists = (board: BoardDetails) => board.lists.filter((list) => MOVABLE_LIST_TYPES.includes(list.listType));

function boardMilestone(board: BoardDetails, baseUrl: string) {
  if (board.milestone) return milestoneEntity(board.milestone.milestone, board.milestone.owner, baseUrl);
  // GitLab's SpecialBoardFilter: only the title of Any / Upcoming / Started.
  if (board.milestoneScope !== null && MILESTONE_SCOPES[board.milestoneScope]) return { title: MILESTONE_SCOPES[board.milestoneScope] };
  return null;
}

/** Whose board it is: a group's, or a project's (shown to a viewer, whose rights decide some of its fields). */
export type BoardParent = { group: Group; project?: never } | { project: ProjectWithAccess; viewer: Viewer; group?: never };

/**
 * GitLab's Board entity, with EE's scope (milestone, assignee, labels, weight): a group board has its `group` and a
 * null `project`, a project board its BasicProjectDetails `project` and a null `group`. `lists` are the ones GitLab
 * calls destroyable: the backlog and closed lists are left out, as GitLab does.
 */
export function boardEntity(board: BoardDetails, parent: BoardParent, baseUrl: string) {
  const { group, project } = parent;
  return {
    id: board.id,
    name: board.name,
    hide_backlog_list: board.hideBacklogList,
    hide_closed_list: board.hideClosedList,
    project: project ? projectBasicEntity(project, { viewer: parent.viewer, baseUrl }) : null,
    lists: movableLists(board).map((list) => boardListEntity(list, baseUrl)),
    group: group ? { id: group.id, web_url: `${baseUrl}/groups/${group.fullPath}`, name: group.name } : null,
    milestone: boardMilestone(board, baseUrl),
    assignee: board.assignee ? userBasic(board.assignee, baseUrl) : null,
    labels: board.labels.map(boardLabelEntity),
    weight: board.weight,
  };
}
