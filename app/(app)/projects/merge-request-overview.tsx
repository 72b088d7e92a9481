import type { DiscussionItem } from "@/components/merge-requests/discussion-list";
import { DiscussionList } from "@/components/merge-requests/discussion-list";
import { MergeRequestSidebar } from "@/components/merge-requests/merge-request-sidebar";
import { Alert } from "@/components/ui/alert";
import { Markdown } from "@/components/ui/markdown";
import { labelItems, peopleResolver } from "@/app/(app)/content-items";
import { listDiscussions, type Discussion } from "@/lib/content";
import { diffExcerpt, diffFileTexts, findMergeRequestDiff, positionOf, type MergeRequestRow } from "@/lib/merge-requests";
import type { ProjectWithAccess } from "@/lib/projects";

// The Overview draws every thread of a merge request up to this many; past it, the API has them all page by page.
const MAX_DISCUSSIONS = 2000;

const pathOf = (position: Record<string, unknown> | null) => (typeof position?.new_path === "string" ? position.new_path : typeof position?.old_path === "string" ? position.old_path : null);

/** The Overview of a merge request: description, its people and approvals beside it, then its activity. */
export async function MergeRequestOverview({ project, mr }: { project: ProjectWithAccess; mr: MergeRequestRow }) {
  const [{ rows: discussions, total }, diff] = await Promise.all([
    listDiscussions({ noteableType: "MergeRequest", noteableId: mr.id, canReadConfidential: mr.canReadConfidential }, { page: 1, perPage: MAX_DISCUSSIONS }),
    findMergeRequestDiff(mr.id),
  ]);
  const isDiffThread = (d: Discussion) => d.notes[0]!.position !== null && pathOf(d.notes[0]!.position) !== null;
  // A diff note without its own piece of diff is drawn from the merge request's stored diff of that file.
  const missing = discussions.filter((d) => isDiffThread(d) && !d.notes[0]!.diffFile).map((d) => pathOf(d.notes[0]!.position)!);
  const stored = diff && missing.length ? await diffFileTexts(diff.id, missing) : new Map<string, string>();
  const notes = discussions.flatMap((d) => d.notes);
  const person = await peopleResolver([...notes.flatMap((n) => [n.author, n.resolvedBy]), ...mr.assignees, ...mr.reviewers, ...mr.approvedBy, mr.mergedBy, mr.closedBy]);
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
  const epicHref = (iid: number) => `/groups/${project.namespace.fullPath}/-/epics/${iid}`;
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_16rem]">
      <div className="min-w-0 space-y-6">
        <section aria-label="Description" className="rounded-lg border border-gray-200 bg-white p-4">
          {mr.description?.trim() ? <Markdown source={mr.description} epicHref={epicHref} /> : <p className="text-sm text-gray-500">No description.</p>}
        </section>
        <section aria-labelledby="activity-title">
          <h3 id="activity-title" className="mb-3 text-sm font-semibold text-gray-900">
            Activity
          </h3>
          {total > discussions.length ? (
            <div className="mb-3">
              <Alert tone="warning" title="Long discussion.">{`The first ${discussions.length} of ${total} threads are shown.`}</Alert>
            </div>
          ) : null}
          <DiscussionList items={items} epicHref={epicHref} />
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
