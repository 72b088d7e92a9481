import { labelTextColor, ownerWebPath, type Label, type Milestone, type OwnerPath } from "@/lib/content";

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

/** GitLab's Milestone entity: `project_id` or `group_id` by its owner, and the owner's milestone page as web_url. */
export function milestoneEntity(milestone: Milestone, owner: OwnerPath, baseUrl: string) {
  const today = new Date().toISOString().slice(0, 10);
  return {
    id: milestone.id,
    iid: milestone.iid,
    ...(owner.kind === "project" ? { project_id: owner.id } : { group_id: owner.id }),
    title: milestone.title,
    description: milestone.description,
    state: milestone.state,
    created_at: milestone.createdAt.toISOString(),
    updated_at: milestone.updatedAt.toISOString(),
    due_date: milestone.dueDate,
    start_date: milestone.startDate,
    expired: milestone.dueDate !== null && milestone.dueDate < today,
    web_url: `${baseUrl}${ownerWebPath(owner)}/-/milestones/${milestone.iid}`,
  };
}
