import { labelTextColor, type Label, type Milestone } from "@/lib/content";
import type { Group } from "@/lib/groups";

/** GitLab's LabelBasic, what boards, their lists and epics (`with_labels_details=true`) show of a label. */
export function labelBasicEntity(label: Label) {
  return {
    id: label.id,
    name: label.title,
    color: label.color,
    description: label.description,
    description_html: label.description ?? "",
    text_color: labelTextColor(label),
  };
}

export function labelEntity(label: Label) {
  return {
    id: label.id,
    name: label.title,
    description: label.description,
    description_html: label.description ?? "",
    text_color: labelTextColor(label),
    color: label.color,
    subscribed: false,
    priority: null,
    is_project_label: label.projectId !== null,
    archived: false,
    created_at: label.createdAt.toISOString(),
    updated_at: label.updatedAt.toISOString(),
  };
}

export function milestoneEntity(milestone: Milestone, group: Group, baseUrl: string) {
  const today = new Date().toISOString().slice(0, 10);
  return {
    id: milestone.id,
    iid: milestone.iid,
    group_id: group.id,
    title: milestone.title,
    description: milestone.description,
    state: milestone.state,
    created_at: milestone.createdAt.toISOString(),
    updated_at: milestone.updatedAt.toISOString(),
    due_date: milestone.dueDate,
    start_date: milestone.startDate,
    expired: milestone.dueDate !== null && milestone.dueDate < today,
    web_url: `${baseUrl}/groups/${group.fullPath}/-/milestones/${milestone.iid}`,
  };
}
