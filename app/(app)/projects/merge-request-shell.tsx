import type { ReactNode } from "react";
import { MergeRequestHeader, type MergeRequestTabKey } from "@/components/merge-requests/merge-request-header";
import { mergeRequestUrl } from "@/components/projects/project-urls";
import { peopleResolver } from "@/app/(app)/content-items";
import { findMergeRequestDiff, type MergeRequestRow } from "@/lib/merge-requests";
import { canReadPipelines, listPipelines, type ProjectWithAccess } from "@/lib/projects";
import type { PublicUser } from "@/lib/users";
import { ProjectShell } from "./project-route";

/** A merge request's pages: the project's header and tabs, then the merge request's header and its own tabs. */
export async function MergeRequestShell({ user, project, mr, current, children }: { user: PublicUser; project: ProjectWithAccess; mr: MergeRequestRow; current: MergeRequestTabKey; children: ReactNode }) {
  const [diff, pipelines, person] = await Promise.all([
    findMergeRequestDiff(mr.id),
    canReadPipelines(user, project) ? listPipelines(project.id, { mergeRequestIid: mr.iid, page: 1, perPage: 1 }) : null,
    peopleResolver([mr.author]),
  ]);
  const fullPath = project.fullPath;
  return (
    <ProjectShell user={user} project={project} current="merge_requests">
      <article aria-labelledby="mr-title">
        <MergeRequestHeader
          mr={{ ...mr, author: person(mr.author) }}
          current={current}
          hrefs={{ overview: mergeRequestUrl(fullPath, mr.iid), commits: mergeRequestUrl(fullPath, mr.iid, "commits"), pipelines: mergeRequestUrl(fullPath, mr.iid, "pipelines"), diffs: mergeRequestUrl(fullPath, mr.iid, "diffs") }}
          counts={{ notes: mr.userNotesCount, commits: diff?.commitsCount ?? 0, pipelines: pipelines?.total ?? null, changes: mr.changesCount }}
        />
        {children}
      </article>
    </ProjectShell>
  );
}
