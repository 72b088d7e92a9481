import { NoteList } from "@/components/content/note-list";
import { formatSpan } from "@/components/content/format";
import { IssueView } from "@/components/issues/issue-view";
import { designImageUrl, issuesUrl, issueUrl, milestoneUrl } from "@/components/projects/project-urls";
import { Pagination } from "@/components/ui/pagination";
import { activityEntries, activityUsers, labelItems, peopleResolver } from "@/app/(app)/content-items";
import type { ProjectParams } from "@/app/(app)/projects/project-route";
import { pageOf } from "@/app/(app)/route-params";
import { listActivity } from "@/lib/content";
import { designsWithImages, listIssueDesigns, relatedMergeRequests, type MilestoneWithPath } from "@/lib/issues";
import { resolveReferences } from "@/lib/references";
import { issueRoute } from "../../../issue-route";

// Each entry is Markdown rendered on the server: 40 keep a page with hundreds of notes quick (GitLab loads its notes in
// batches too); the rest are a page away.
const ACTIVITY_PER_PAGE = 40;

const milestonePath = (m: MilestoneWithPath) => (m.projectId !== null ? milestoneUrl(m.ownerPath, m.iid) : `/groups/${m.ownerPath}/-/milestones/${m.iid}`);

/**
 * An issue (`/-/issues/<iid>`): its description and reactions, the merge requests that mention or close it, its
 * activity (threads, system notes and resource events in order, 40 a page), and GitLab's sidebar.
 */
export default async function IssuePage({ params, searchParams }: { params: Promise<ProjectParams & { iid: string }>; searchParams: Promise<{ page?: string }> }) {
  const { user, project, issue } = await issueRoute(params);
  const page = pageOf((await searchParams).page);
  const [activity, related, designs] = await Promise.all([
    listActivity({ noteableType: "Issue", noteableId: issue.id, canReadConfidential: issue.canReadConfidential }, { page, perPage: ACTIVITY_PER_PAGE }),
    relatedMergeRequests(user, project, issue.iid),
    listIssueDesigns(issue.id),
  ]);
  const [person, references, withImages] = await Promise.all([
    peopleResolver([issue.author, issue.closedBy, ...issue.assignees, ...activityUsers(activity.items)]),
    // `#12`, `!3`, `~label`, `%"m"`, `group/project#5`, `@user` link where they exist and the viewer may see them.
    resolveReferences(user, { project: project.fullPath }, [issue.description, ...activity.items.map((item) => (item.kind === "note" ? item.note.note : null))]),
    designsWithImages(project.id, issue.iid, designs),
  ]);
  const self = issueUrl(project.fullPath, issue.iid);
  const iteration = issue.iteration;
  return (
    <IssueView
      listHref={issuesUrl(project.fullPath)}
      references={references}
      issue={{
        iid: issue.iid,
        title: issue.title,
        reference: `${project.fullPath}#${issue.iid}`,
        state: issue.state,
        confidential: issue.confidential,
        description: issue.description,
        author: person(issue.author),
        createdAt: issue.createdAt,
        closedAt: issue.closedAt,
        closedBy: person(issue.closedBy),
        awards: issue.awards,
        assignees: issue.assignees.map((a) => person(a)!),
        labels: labelItems(issue.labels),
        milestone: issue.milestone ? { title: issue.milestone.title, href: milestonePath(issue.milestone) } : null,
        epic: issue.epic ? { title: issue.epic.title, reference: `${issue.epic.groupFullPath}&${issue.epic.iid}`, href: `/groups/${issue.epic.groupFullPath}/-/epics/${issue.epic.iid}` } : null,
        iteration: iteration ? { title: iteration.title ?? `Iteration ${iteration.iid}`, span: formatSpan(iteration.startDate, iteration.dueDate) ?? "" } : null,
        weight: issue.weight,
        dueDate: issue.dueDate,
        timeEstimate: issue.timeEstimate,
        totalTimeSpent: issue.totalTimeSpent,
        relatedMergeRequests: related.map((mr) => ({ ...mr, href: `/${project.fullPath}/-/merge_requests/${mr.iid}` })),
        // Each image at its latest version's own address: the browser keeps it until a new version names another.
        designs: designs.map((design) => ({ ...design, imageUrl: withImages.has(design.id) ? designImageUrl(project.fullPath, design.id, design.latestSha!) : null })),
      }}
      activity={
        <>
          <NoteList entries={activityEntries(activity.items, person, (m) => (m.projectId === project.id ? milestoneUrl(project.fullPath, m.iid) : undefined))} references={references} />
          <Pagination page={page} totalPages={Math.ceil(activity.total / ACTIVITY_PER_PAGE)} hrefFor={(p) => `${self}?page=${p}`} label="Activity pagination" />
        </>
      }
    />
  );
}
