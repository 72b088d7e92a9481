import Link from "next/link";
import type { ReactNode } from "react";
import { GroupAvatar } from "@/components/groups/group-avatar";
import { Badge } from "@/components/ui/badge";
import { TimeAgo } from "@/components/ui/time-ago";
import { projectUrl } from "./project-urls";

export interface ProjectListItem {
  id: number;
  name: string;
  fullPath: string;
  description: string;
  visibility: string;
  archived: boolean;
  lastActivityAt: Date | string;
}

/** Projects as a group's page lists them: name and description, visibility, archived, and when they last changed. */
export function ProjectList({ projects, empty }: { projects: ProjectListItem[]; empty: ReactNode }) {
  if (projects.length === 0) return <div className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center text-sm text-gray-600">{empty}</div>;
  return (
    <ul className="divide-y divide-gray-100 overflow-hidden rounded-lg border border-gray-200 bg-white">
      {projects.map((p) => (
        <li key={p.id} className="flex items-center gap-4 px-4 py-3">
          <GroupAvatar name={p.name} avatarPath={null} />
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-center gap-2">
              <Link href={projectUrl(p.fullPath)} className="font-medium">
                {p.name}
              </Link>
              <Badge>{p.visibility}</Badge>
              {p.archived ? <Badge tone="warning">Archived</Badge> : null}
            </div>
            <p className="truncate text-xs text-gray-500">{p.description || p.fullPath}</p>
          </div>
          <p className="shrink-0 text-xs text-gray-500">
            Updated <TimeAgo date={p.lastActivityAt} />
          </p>
        </li>
      ))}
    </ul>
  );
}
