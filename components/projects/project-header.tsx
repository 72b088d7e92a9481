import Link from "next/link";
import { BadgeStrip, type BadgeItem } from "@/components/content/badges-list";
import { GroupAvatar } from "@/components/groups/group-avatar";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { ProjectTabs, type ProjectTabKey } from "./project-tabs";

export interface ProjectHeaderItem {
  name: string;
  fullPath: string;
  visibility: string;
  description: string;
  archived: boolean;
  namespace: { fullPath: string; fullName: string };
}

/**
 * What every page of a project starts with: its namespace, name, visibility, archived state and description; its tabs.
 * The overview shows the project's badges (its own and its groups') under the description, as GitLab's does.
 */
export function ProjectHeader({
  project,
  current,
  defaultBranch,
  canReadCode,
  canReadWiki,
  canAdmin,
  canReadSnippets = false,
  canReadPipelines = false,
  canReadSchedules = false,
  canReadBoards = false,
  canReadMilestones = false,
  openIssues,
  openMergeRequests = null,
  badges = [],
}: {
  project: ProjectHeaderItem;
  current: ProjectTabKey;
  defaultBranch: string | null;
  canReadCode: boolean;
  canReadWiki: boolean;
  canAdmin: boolean;
  canReadSnippets?: boolean;
  canReadPipelines?: boolean;
  canReadSchedules?: boolean;
  canReadBoards?: boolean;
  canReadMilestones?: boolean;
  openIssues?: number;
  openMergeRequests?: number | null;
  badges?: BadgeItem[];
}) {
  return (
    <>
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            <GroupAvatar name={project.name} avatarPath={null} size="lg" />
            {project.name} <Badge>{project.visibility}</Badge>
            {project.archived ? <Badge tone="warning">Archived</Badge> : null}
          </span>
        }
        description={
          <>
            <Link href={`/groups/${project.namespace.fullPath}`} className="hover:underline">
              {project.namespace.fullName}
            </Link>
            <span className="mx-1 text-gray-400">/</span>
            <span className="font-mono text-xs">{project.fullPath}</span>
            {project.description ? <p className="mt-2">{project.description}</p> : null}
            <BadgeStrip badges={badges} />
          </>
        }
      />
      <ProjectTabs fullPath={project.fullPath} current={current} defaultBranch={canReadCode ? defaultBranch : null} canReadWiki={canReadWiki} canAdmin={canAdmin} canReadSnippets={canReadSnippets} canReadPipelines={canReadPipelines} canReadSchedules={canReadSchedules} canReadBoards={canReadBoards} canReadMilestones={canReadMilestones} openIssues={openIssues} openMergeRequests={openMergeRequests} />
    </>
  );
}
