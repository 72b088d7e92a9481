import { diffAnchor, diffCounts } from "@/components/projects/repository/diff-file";
import { DiffFiles } from "@/components/projects/repository/diff-files";
import { mergeRequestUrl } from "@/components/projects/project-urls";
import { findMergeRequestDiff, mergeRequestChanges, type MergeRequestRow } from "@/lib/merge-requests";
import type { ProjectWithAccess } from "@/lib/projects";
import { pageOf } from "@/app/(app)/route-params";
import { EmptyState } from "@/components/ui/empty-state";

// Files a reader may expand at once (`?expand=<path>`), as on the commit page.
const MAX_EXPANDED = 5;
// Files drawn a page: drawing is what costs (300 files of 40 KB made a page of 11.9 MB in 1.2 s), so the Changes tab
// draws them in pages, as GitLab's loads its diffs in batches; the list of changed files names them all.
const FILES_PER_PAGE = 25;

/**
 * The Changes tab: file by file, from git when the repository has both shas, else the stored diff. A large file (over
 * 100 KB, or too large) is collapsed and its text not even read until its Expand asks for it alone.
 */
export async function MergeRequestChangesTab({ project, mr, expand: asked, page: pageParam }: { project: ProjectWithAccess; mr: MergeRequestRow; expand: string[]; page?: string }) {
  const diff = await findMergeRequestDiff(mr.id);
  if (!diff) return <EmptyState>No changes: this merge request has no diff.</EmptyState>;
  const expand = asked.slice(0, MAX_EXPANDED);
  const { files, total, overflow, source } = await mergeRequestChanges(project.id, diff, { expand });
  const head = diff.headCommitSha ?? mr.diffHeadSha ?? mr.sourceBranch;
  const base = mergeRequestUrl(project.fullPath, mr.iid, "diffs");
  const page = Math.min(pageOf(pageParam), Math.max(1, Math.ceil(files.length / FILES_PER_PAGE)));
  const pageQuery = (n: number) => (n > 1 ? [["page", String(n)]] : []);
  const expandHref = (path: string, index: number) => `${base}?${new URLSearchParams([...pageQuery(page), ...expand.map((p) => ["expand", p]), ["expand", path]])}#${diffAnchor(index)}`;
  const pageHref = (n: number) => `${base}?${new URLSearchParams([...pageQuery(n), ...expand.map((p) => ["expand", p])])}`;
  const counts = files.map(diffCounts);
  const stats = { additions: counts.reduce((sum, c) => sum + (c?.additions ?? 0), 0), deletions: counts.reduce((sum, c) => sum + (c?.deletions ?? 0), 0) };
  return (
    <DiffFiles
      files={files}
      total={total}
      stats={stats}
      headingLevel="h3"
      headingNote={<span className="text-gray-500">{source === "git" ? " (from the repository)" : ""}</span>}
      overflow={overflow ? `Only ${files.length} of ${total} changed files are listed.` : null}
      listTitle={`Changed files (${files.length})`}
      fullPath={project.fullPath}
      commit={head}
      expand={expand}
      expandHref={expandHref}
      collapsedText="This diff is collapsed. "
      expandLabel="Click to expand"
      paging={{ page, perPage: FILES_PER_PAGE, hrefFor: pageHref }}
    />
  );
}
