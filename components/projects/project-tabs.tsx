import { NavTabs } from "@/components/ui/nav-tabs";
import { commitsUrl, projectPageUrl, projectUrl, treeUrl } from "./project-urls";
import { snippetsUrl } from "./snippets/snippet-urls";

/** The tabs of a project: GitLab's sidebar entries (Project, Repository → Files, Commits, Branches, Tags; Snippets; Settings). */
export type ProjectTabKey = "overview" | "files" | "commits" | "branches" | "tags" | "snippets" | "settings";

/**
 * Files and Commits open at the default branch; without one (nobody may read the code, or a repository HEAD points
 * nowhere) only the overview and settings remain, as GitLab hides the Repository menu then. Snippets shows when the
 * project's snippets feature lets the viewer in.
 */
export function ProjectTabs({ fullPath, current, defaultBranch, canAdmin, canReadSnippets = false }: { fullPath: string; current: ProjectTabKey; defaultBranch: string | null; canAdmin: boolean; canReadSnippets?: boolean }) {
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
        ...(canReadSnippets ? [{ key: "snippets", label: "Snippets", href: snippetsUrl(fullPath) }] : []),
        ...(canAdmin ? [{ key: "settings", label: "Settings", href: projectPageUrl(fullPath, "edit") }] : []),
      ]}
    />
  );
}
