import { labelTextColor } from "@/lib/content";
import type { EpicRow, Group } from "@/lib/groups";
import { labelBasicEntity } from "./content";
import { userBasic } from "./user";

/** GitLab's colour for an epic that never had one chosen. */
const DEFAULT_EPIC_COLOR = "#1068bf";

/**
 * GitLab's references: `relative` is as seen from the group the epic was requested through (the epic's own group gives
 * `&5`, its parent group `sub&5`, anywhere else the full path), `full` always has the full path.
 */
function references(epic: EpicRow, requested: Pick<Group, "id">) {
  const short = `&${epic.iid}`;
  const full = `${epic.group.fullPath}${short}`;
  const relative = epic.group.id === requested.id ? short : epic.group.parentId === requested.id ? `${epic.group.path}${short}` : full;
  return { short, relative, full };
}

/**
 * Dates as GitLab's legacy epic entity gives them: `*_fixed` is what was set by hand, `*_is_fixed` says whether it wins,
 * and the inherited date (from milestones and child epics) is the effective one whenever it does not.
 */
function dates(epic: EpicRow) {
  const startFixed = Boolean(epic.startDateIsFixed);
  const dueFixed = Boolean(epic.dueDateIsFixed);
  const start = startFixed ? (epic.startDateFixed ?? epic.startDate) : epic.startDate;
  const due = dueFixed ? (epic.dueDateFixed ?? epic.dueDate) : epic.dueDate;
  const startInherited = startFixed ? null : epic.startDate;
  const dueInherited = dueFixed ? null : epic.dueDate;
  return {
    start_date: start,
    start_date_is_fixed: startFixed,
    start_date_fixed: epic.startDateFixed,
    start_date_from_inherited_source: startInherited,
    start_date_from_milestones: startInherited,
    end_date: due,
    due_date: due,
    due_date_is_fixed: dueFixed,
    due_date_fixed: epic.dueDateFixed,
    due_date_from_inherited_source: dueInherited,
    due_date_from_milestones: dueInherited,
  };
}

export interface EpicEntityOptions {
  /** `with_labels_details=true`: label objects instead of names. */
  withLabelsDetails?: boolean;
  /** The single-epic endpoint adds `subscribed`. */
  includeSubscribed?: boolean;
}

/** GitLab's Epic entity (`GET /groups/:id/epics[/:epic_iid]`), with `requested` the group in the request's path. */
export function epicEntity(epic: EpicRow, requested: Pick<Group, "id">, baseUrl: string, options: EpicEntityOptions = {}) {
  const color = epic.color ?? DEFAULT_EPIC_COLOR;
  const api = `${baseUrl}/api/v4/groups`;
  return {
    id: epic.id,
    iid: epic.iid,
    color,
    text_color: labelTextColor({ color, sourceAttributes: {} }),
    group_id: epic.groupId,
    parent_id: epic.parent?.id ?? null,
    parent_iid: epic.parent?.iid ?? null,
    imported: epic.importEntityId !== null,
    imported_from: epic.importEntityId !== null ? "gitlab_migration" : "none",
    title: epic.title,
    description: epic.description,
    confidential: epic.confidential,
    author: epic.author ? userBasic(epic.author, baseUrl) : null,
    ...dates(epic),
    state: epic.state,
    web_edit_url: `/groups/${epic.group.fullPath}/-/epics/${epic.iid}`,
    web_url: `${baseUrl}/groups/${epic.group.fullPath}/-/epics/${epic.iid}`,
    references: references(epic, requested),
    created_at: epic.createdAt.toISOString(),
    updated_at: epic.updatedAt.toISOString(),
    closed_at: epic.closedAt?.toISOString() ?? null,
    labels: options.withLabelsDetails ? epic.labels.map(labelBasicEntity) : epic.labels.map((l) => l.title),
    upvotes: epic.upvotes,
    downvotes: epic.downvotes,
    ...(options.includeSubscribed ? { subscribed: false } : {}),
    _links: {
      self: `${api}/${epic.groupId}/epics/${epic.iid}`,
      epic_issues: `${api}/${epic.groupId}/epics/${epic.iid}/issues`,
      group: `${api}/${epic.groupId}`,
      parent: epic.parent ? `${api}/${epic.parent.groupId}/epics/${epic.parent.iid}` : null,
    },
  };
}
