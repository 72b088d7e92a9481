import { diffAnchor, diffCounts, DiffFileBox } from "@/components/projects/repository/diff-file";
import { mergeRequestUrl } from "@/components/projects/project-urls";
import { Alert } from "@/components/ui/alert";
import { findMergeRequestDiff, mergeRequestChanges, type MergeRequestRow } from "@/lib/merge-requests";
import type { ProjectWithAccess } from "@/lib/projects";

// Files a reader may expand at once (`?expand=<path>`), as on the commit page.
const MAX_EXPANDED = 5;

/**
 * The Changes tab: file by file, from git when the repository has both shas, else the stored diff. A large file (over
 * 100 KB, or too large) is collapsed and its text not even read until its Expand asks for it alone.
 */
export async function MergeRequestChangesTab({ project, mr, expand: asked }: { project: ProjectWithAccess; mr: MergeRequestRow; expand: string[] }) {
  const diff = await findMergeRequestDiff(mr.id);
  if (!diff) return <p className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center text-sm text-gray-600">No changes: this merge request has no diff.</p>;
  const expand = asked.slice(0, MAX_EXPANDED);
  const { files, total, overflow, source } = await mergeRequestChanges(project.id, diff, { expand });
  const head = diff.headCommitSha ?? mr.diffHeadSha ?? mr.sourceBranch;
  const base = mergeRequestUrl(project.fullPath, mr.iid, "diffs");
  const expandHref = (path: string, index: number) => `${base}?${new URLSearchParams([...expand.map((p) => ["expand", p]), ["expand", path]])}#${diffAnchor(index)}`;
  const counts = files.map(diffCounts);
  const additions = counts.reduce((sum, c) => sum + (c?.additions ?? 0), 0);
  const deletions = counts.reduce((sum, c) => sum + (c?.deletions ?? 0), 0);
  return (
    <section aria-labelledby="changes-title">
      <h3 id="changes-title" className="mb-3 text-sm text-gray-700">
        {`Showing ${total.toLocaleString("en")} changed ${total === 1 ? "file" : "files"} with `}
        <span className="font-semibold text-green-700">{`${additions.toLocaleString("en")} ${additions === 1 ? "addition" : "additions"}`}</span>
        {" and "}
        <span className="font-semibold text-red-700">{`${deletions.toLocaleString("en")} ${deletions === 1 ? "deletion" : "deletions"}`}</span>
        <span className="text-gray-500">{source === "git" ? " (from the repository)" : ""}</span>
      </h3>
      {overflow ? (
        <div className="mb-3">
          <Alert tone="warning" title="Too many changes to show.">{`Only ${files.length} of ${total} changed files are listed.`}</Alert>
        </div>
      ) : null}
      {files.length > 1 ? (
        <details className="mb-4 rounded-lg border border-gray-200 bg-white" open={files.length <= 20}>
          <summary className="cursor-pointer px-4 py-2 text-sm font-medium text-gray-900">{`Changed files (${files.length})`}</summary>
          <ul className="border-t border-gray-100 px-4 py-2 text-xs">
            {files.map((file, index) => (
              <li key={index} className="flex items-center justify-between gap-3 py-0.5">
                <a href={`#${diffAnchor(index)}`} className="truncate font-mono">
                  {file.renamed_file ? `${file.old_path} → ${file.new_path}` : file.deleted_file ? file.old_path : file.new_path}
                </a>
                {counts[index] ? (
                  <span className="shrink-0 font-mono">
                    <span className="text-green-700">{`+${counts[index].additions}`}</span> <span className="text-red-700">{`-${counts[index].deletions}`}</span>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <div className="space-y-4">
        {files.map((file, index) => (
          <DiffFileBox key={index} file={file} index={index} fullPath={project.fullPath} commit={head} expandHref={expand.includes(file.new_path) ? null : expandHref(file.new_path, index)} collapsedText="This diff is collapsed. " expandLabel="Click to expand" />
        ))}
      </div>
    </section>
  );
}
