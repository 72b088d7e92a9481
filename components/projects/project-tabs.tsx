import { NavTabs } from "@/components/ui/nav-tabs";
import { commitsUrl, projectPageUrl, projectUrl, treeUrl } from "./project-urls";

/** The tabs of a project: GitLab's sidebar entries (Project, Repository → Files, Commits, Branches, Tags; Settings). */
export type ProjectTabKey = "overview" | "files" | "commits" | "branches" | "tags" | "schedules" | "settings";

/**
 * Files and Commits open at the default branch; without one (nobody may read the code, or a repository HEAD points
 * nowhere) only the overview and settings remain, as GitLab hides the Repository menu then.
 */
export function ProjectTabs({ fullPath, current, defaultBranch, canAdmin, canReadSchedules = false }: { fullPath: string; current: ProjectTabKey; defaultBranch: string | null; canAdmin: boolean; canReadSchedules?: boolean }) {
  return (
    <NavTabs
      label="Project"
      current={current}
      tabs={[
        { key: "overview", label: "Project", href: projectUrl(fullPath) },
        ...(defaultBranch !== null
          ? [
              { key: "files", label: "Files", href: treeUrl(fullPath, defaultBranch) },
              { key: "commits", label: "Commits", href: commitsUrl(fullPath, defaultBranch) },
              { key: "branches", label: "Branches", href: projectPageUrl(fullPath, "branches") },
              { key: "tags", label: "Tags", href: projectPageUrl(fullPath, "tags") },
            ]
          : []),
        // Build → Pipeline schedules, for those who may read them.
        ...(canReadSchedules ? [{ key: "schedules", label: "Pipeline schedules", href: projectPageUrl(fullPath, "pipeline_schedules") }] : []),
        ...(canAdmin ? [{ key: "settings", label: "Settings", href: projectPageUrl(fullPath, "edit") }] : []),
      ]}
    />
  );
}
