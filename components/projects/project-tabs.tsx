import { NavTabs } from "@/components/ui/nav-tabs";
import { wikiUrl } from "@/lib/wikis/urls";
import { commitsUrl, issuesUrl, projectPageUrl, projectUrl, treeUrl } from "./project-urls";
import { snippetsUrl } from "./snippets/snippet-urls";

/**
 * The tabs of a project: GitLab's sidebar entries (Project; Manage → Members; Plan → Issues, Issue boards, Labels, Milestones;
 * Repository → Files, Commits, Branches, Tags; Deploy → Releases; Build → Pipelines, Pipeline schedules; Wiki;
 * Snippets; Settings).
 */
export type ProjectTabKey = "overview" | "members" | "issues" | "boards" | "labels" | "milestones" | "merge_requests" | "files" | "commits" | "branches" | "tags" | "releases" | "pipelines" | "schedules" | "wiki" | "snippets" | "settings";

/**
 * Files and Commits open at the default branch; without one (nobody may read the code, or a repository HEAD points
 * nowhere) only the overview and settings remain, as GitLab hides the Repository menu then. The Wiki shows to whoever
 * may read it (its feature enabled for them, GitLab's read_wiki), whatever the code's access; Snippets when the
 * project's snippets feature lets the viewer in. Members and Labels show to whoever sees the project; Issue boards
 * when its issues let the viewer in, Milestones when its issues or merge requests do (GitLab's read_issue_board,
 * read_milestone).
 */
export function ProjectTabs({
  fullPath,
  current,
  defaultBranch,
  canReadWiki,
  canAdmin,
  canReadSnippets = false,
  canReadPipelines = false,
  canReadSchedules = false,
  canReadBoards = false,
  canReadMilestones = false,
  openIssues,
  openMergeRequests = null,
}: {
  fullPath: string;
  current: ProjectTabKey;
  defaultBranch: string | null;
  canReadWiki: boolean;
  canAdmin: boolean;
  canReadSnippets?: boolean;
  canReadPipelines?: boolean;
  canReadSchedules?: boolean;
  canReadBoards?: boolean;
  canReadMilestones?: boolean;
  /** The open issues the viewer may read; undefined when the issues feature keeps them out (no tab then). */
  openIssues?: number;
  /** The open merge requests' count; null hides the tab (the viewer may not read them: GitLab's read_merge_request). */
  openMergeRequests?: number | null;
}) {
  return (
    <NavTabs
      label="Project"
      current={current}
      tabs={[
        { key: "overview", label: "Project", href: projectUrl(fullPath) },
        { key: "members", label: "Members", href: projectPageUrl(fullPath, "project_members") },
        ...(openIssues !== undefined ? [{ key: "issues", label: "Issues", count: openIssues, href: issuesUrl(fullPath) }] : []),
        ...(canReadBoards ? [{ key: "boards", label: "Issue boards", href: projectPageUrl(fullPath, "boards") }] : []),
        { key: "labels", label: "Labels", href: projectPageUrl(fullPath, "labels") },
        ...(canReadMilestones ? [{ key: "milestones", label: "Milestones", href: projectPageUrl(fullPath, "milestones") }] : []),
        // Code → Merge requests, with the open ones' count as GitLab's sidebar.
        ...(openMergeRequests !== null ? [{ key: "merge_requests", label: "Merge requests", href: projectPageUrl(fullPath, "merge_requests"), count: openMergeRequests }] : []),
        ...(defaultBranch !== null
          ? [
              { key: "files", label: "Files", href: treeUrl(fullPath, defaultBranch) },
              { key: "commits", label: "Commits", href: commitsUrl(fullPath, defaultBranch) },
              { key: "branches", label: "Branches", href: projectPageUrl(fullPath, "branches") },
              { key: "tags", label: "Tags", href: projectPageUrl(fullPath, "tags") },
              { key: "releases", label: "Releases", href: projectPageUrl(fullPath, "releases") },
            ]
          : []),
        // Build → Pipelines and Pipeline schedules, for those who may read them.
        ...(canReadPipelines ? [{ key: "pipelines", label: "Pipelines", href: projectPageUrl(fullPath, "pipelines") }] : []),
        ...(canReadSchedules ? [{ key: "schedules", label: "Pipeline schedules", href: projectPageUrl(fullPath, "pipeline_schedules") }] : []),
        ...(canReadWiki ? [{ key: "wiki", label: "Wiki", href: wikiUrl(fullPath) }] : []),
        ...(canReadSnippets ? [{ key: "snippets", label: "Snippets", href: snippetsUrl(fullPath) }] : []),
        ...(canAdmin ? [{ key: "settings", label: "Settings", href: projectPageUrl(fullPath, "edit") }] : []),
      ]}
    />
  );
}
