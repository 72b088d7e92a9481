import type { DiscussionItem } from "@/components/merge-requests/discussion-list";
import { DiscussionList } from "@/components/merge-requests/discussion-list";
import { MergeRequestSidebar } from "@/components/merge-requests/merge-request-sidebar";
import { mergeRequestUrl } from "@/components/projects/project-urls";
import { Pagination } from "@/components/ui/pagination";
import { pageOf } from "@/app/(app)/route-params";
import { Markdown } from "@/components/ui/markdown";
import { labelItems, peopleResolver } from "@/app/(app)/content-items";
import { listDiscussions, type Discussion } from "@/lib/content";
import { diffExcerpt, diffFileTexts, findMergeRequestDiff, positionOf, type MergeRequestRow } from "@/lib/merge-requests";
import type { ProjectWithAccess } from "@/lib/projects";
import { resolveReferences } from "@/lib/references";
import type { PublicUser } from "@/lib/users";

// Threads a page of the Overview draws. Rendering is what costs (Markdown, diff excerpts: about 1.7 ms a note), so a
// merge request with 500 notes took 0.9 s to draw whole; its threads now come in pages, oldest first, as the API's.
const DISCUSSIONS_PER_PAGE = 50;

const pathOf = (position: Record<string, unknown> | null) => (typeof position?.new_path === "string" ? position.new_path : typeof position?.old_path === "string" ? position.old_path : null);

/** The Overview of a merge request: description, its people and approvals beside it, then its activity. */
export async function MergeRequestOverview({ user, project, mr, page: pageParam }: { user: PublicUser; project: ProjectWithAccess; mr: MergeRequestRow; page?: string }) {
  const page = pageOf(pageParam);
  const [{ rows: discussions, total }, diff] = await Promise.all([
    listDiscussions({ noteableType: "MergeRequest", noteableId: mr.id, canReadConfidential: mr.canReadConfidential }, { page, perPage: DISCUSSIONS_PER_PAGE }),
    findMergeRequestDiff(mr.id),
  ]);
  const isDiffThread = (d: Discussion) => d.notes[0]!.position !== null && pathOf(d.notes[0]!.position) !== null;
  // A diff note without its own piece of diff is drawn from the merge request's stored diff of that file.
  const missing = discussions.filter((d) => isDiffThread(d) && !d.notes[0]!.diffFile).map((d) => pathOf(d.notes[0]!.position)!);
  const stored = diff && missing.length ? await diffFileTexts(diff.id, missing) : new Map<string, string>();
  const notes = discussions.flatMap((d) => d.notes);
  const [person, references] = await Promise.all([
    peopleResolver([...notes.flatMap((n) => [n.author, n.resolvedBy]), ...mr.assignees, ...mr.reviewers, ...mr.approvedBy, mr.mergedBy, mr.closedBy]),
    // `#12`, `!3`, `~label`, `%"m"`, `group/project#5`, `@user` link where they exist and the viewer may see them.
    resolveReferences(user, { project: project.fullPath }, [mr.description, ...notes.map((n) => n.note)]),
  ]);
  const items: DiscussionItem[] = discussions.map((d) => {
    const first = d.notes[0]!;
    const path = isDiffThread(d) ? pathOf(first.position)! : null;
    const position = positionOf(first.position);
    const text = first.diffFile?.diff ?? (path ? stored.get(path) : undefined);
    const resolvable = !first.system && (first.type === "DiffNote" || first.type === "DiscussionNote");
    const allResolved = resolvable && d.notes.every((n) => n.resolvedAt !== null);
    const resolver = d.notes.find((n) => n.resolvedBy) ?? first;
    return {
      id: d.id,
      kind: first.system ? "system" : d.individualNote ? "note" : "thread",
      notes: d.notes.map((n) => ({ id: n.id, body: n.note, system: n.system, internal: n.internal, discussionId: n.discussionId, author: person(n.author), createdAt: n.createdAt, updatedAt: n.updatedAt, awards: n.awards })),
      diff: path ? { path, lines: text && position ? diffExcerpt(text, position) : [] } : null,
      resolved: allResolved ? { by: person(resolver.resolvedBy), at: resolver.resolvedAt! } : null,
    };
  });
  const totalPages = Math.ceil(total / DISCUSSIONS_PER_PAGE);
  const first = (page - 1) * DISCUSSIONS_PER_PAGE + 1;
  const epicHref = (iid: number) => `/groups/${project.namespace.fullPath}/-/epics/${iid}`;
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_16rem]">
      <div className="min-w-0 space-y-6">
        <section aria-label="Description" className="rounded-lg border border-gray-200 bg-white p-4">
          {mr.description?.trim() ? <Markdown source={mr.description} epicHref={epicHref} references={references} /> : <p className="text-sm text-gray-500">No description.</p>}
        </section>
        <section aria-labelledby="activity-title">
          <h3 id="activity-title" className="mb-3 text-sm font-semibold text-gray-900">
            Activity
          </h3>
          {totalPages > 1 ? <p className="mb-3 text-xs text-gray-600">{`Threads ${first.toLocaleString("en")}–${(first + discussions.length - 1).toLocaleString("en")} of ${total.toLocaleString("en")}, oldest first`}</p> : null}
          <DiscussionList items={items} epicHref={epicHref} references={references} />
          <Pagination page={page} totalPages={totalPages} hrefFor={(p) => `${mergeRequestUrl(project.fullPath, mr.iid)}?page=${p}#activity-title`} label="Activity pages" />
        </section>
      </div>
      <MergeRequestSidebar
        assignees={mr.assignees.map((u) => person(u)!)}
        reviewers={mr.reviewers.map((u) => ({ ...person(u)!, state: u.reviewState }))}
        approvedBy={mr.approvedBy.map((u) => person(u)!)}
        approvalsRequired={mr.approvalsBeforeMerge ?? 0}
        labels={labelItems(mr.labels)}
        milestone={mr.milestone?.title ?? null}
        merged={mr.state === "merged" ? { by: person(mr.mergedBy), at: mr.mergedAt } : null}
        closed={mr.state === "closed" ? { by: person(mr.closedBy), at: mr.closedAt } : null}
      />
    </div>
  );
}
