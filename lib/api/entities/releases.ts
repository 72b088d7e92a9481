import type { ReleaseView } from "@/lib/projects";
import type { Commit } from "@/lib/repositories";
import { commitEntity } from "./repository";
import { userBasic } from "./user";

// GitLab's release assets list the source archives in this order.
const SOURCE_FORMATS = ["zip", "tar.gz", "tar.bz2", "tar"] as const;
const segments = (value: string) => value.split("/").map(encodeURIComponent).join("/");

/** A project milestone as Entities::Milestone shows it inside a release. */
function releaseMilestone(milestone: ReleaseView["milestones"][number], projectUrl: string) {
  const today = new Date().toISOString().slice(0, 10);
  return {
    id: milestone.id,
    iid: milestone.iid,
    ...(milestone.projectId !== null ? { project_id: milestone.projectId } : { group_id: milestone.groupId }),
    title: milestone.title,
    description: milestone.description,
    state: milestone.state,
    created_at: milestone.createdAt.toISOString(),
    updated_at: milestone.updatedAt.toISOString(),
    due_date: milestone.dueDate,
    start_date: milestone.startDate,
    expired: milestone.dueDate !== null && milestone.dueDate < today,
    web_url: `${projectUrl}/-/milestones/${milestone.iid}`,
  };
}

/** Entities::Releases::Link. */
export function releaseLinkEntity(link: ReleaseView["links"][number], projectUrl: string, tagName: string) {
  return {
    id: link.id,
    name: link.name,
    url: link.url,
    // GitLab's permanent address of an asset with a filepath: /-/releases/<tag>/downloads<filepath>.
    direct_asset_url: link.filepath ? `${projectUrl}/-/releases/${encodeURIComponent(tagName)}/downloads${link.filepath}` : link.url,
    link_type: link.linkType,
  };
}

/**
 * Entities::Release as GET /projects/:id/releases shows it to someone who may read the code: the tag's commit (null
 * when the tag is gone), the source archives Ferry serves, the asset links and milestones. Ferry keeps no evidence.
 */
export function releaseEntity(view: ReleaseView, commit: Commit | null, projectUrl: string, baseUrl: string) {
  const { release } = view;
  const tag = encodeURIComponent(release.tagName);
  const projectName = projectUrl.split("/").pop()!;
  const path = new URL(projectUrl).pathname;
  const sources = SOURCE_FORMATS.map((format) => ({
    format,
    url: `${projectUrl}/-/archive/${segments(release.tagName)}/${encodeURIComponent(`${projectName}-${release.tagName.replaceAll("/", "-")}.${format}`)}`,
  }));
  const links = view.links.map((link) => releaseLinkEntity(link, projectUrl, release.tagName));
  return {
    name: release.name,
    tag_name: release.tagName,
    description: release.description,
    created_at: release.createdAt.toISOString(),
    released_at: release.releasedAt.toISOString(),
    upcoming_release: release.releasedAt.getTime() > Date.now(),
    author: view.author ? userBasic(view.author, baseUrl) : null,
    commit: commit ? commitEntity(commit, projectUrl) : null,
    milestones: view.milestones.map((milestone) => releaseMilestone(milestone, projectUrl)),
    commit_path: commit ? `${path}/-/commit/${commit.id}` : null,
    tag_path: `${path}/-/tags/${tag}`,
    assets: { count: sources.length + links.length, sources, links },
    evidences: [],
    _links: {
      closed_issues_url: `${projectUrl}/-/issues?release_tag=${tag}&scope=all&state=closed`,
      closed_merge_requests_url: `${projectUrl}/-/merge_requests?release_tag=${tag}&scope=all&state=closed`,
      merged_merge_requests_url: `${projectUrl}/-/merge_requests?release_tag=${tag}&scope=all&state=merged`,
      opened_issues_url: `${projectUrl}/-/issues?release_tag=${tag}&scope=all&state=opened`,
      opened_merge_requests_url: `${projectUrl}/-/merge_requests?release_tag=${tag}&scope=all&state=opened`,
      self: `${projectUrl}/-/releases/${tag}`,
    },
  };
}
