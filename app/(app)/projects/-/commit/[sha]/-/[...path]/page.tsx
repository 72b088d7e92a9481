import Link from "next/link";
import { Suspense } from "react";
import { commitUrl, treeUrl } from "@/components/projects/project-urls";
import { CommitComments } from "@/components/projects/repository/commit-comments";
import { CommitRefsLine } from "@/components/projects/repository/commit-refs-line";
import { diffAnchor, diffCounts, DiffFileBox } from "@/components/projects/repository/diff-file";
import { Alert } from "@/components/ui/alert";
import { LinkButton } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { TimeAgo } from "@/components/ui/time-ago";
import type { ProjectParams } from "@/app/(app)/projects/project-route";
import { commitRoute } from "@/app/(app)/projects/repository-route";
import { commitNotes } from "@/lib/projects";
import { commitDiff, commitFileDiff, commitRefs, type DiffFile, type DiffLimits } from "@/lib/repositories";

// What one page shows of a commit's diff: past these a file is collapsed or too large (each with an Expand), and past
// MAX_FILES the rest are not listed.
const LIMITS: DiffLimits = { maxFiles: 500, maxBytes: 1024 * 1024, maxFileBytes: 200 * 1024, maxLinesPerFile: 5000 };
// One file expanded: read alone, up to these.
const EXPANDED: DiffLimits = { maxBytes: 2 * 1024 * 1024, maxFileBytes: 2 * 1024 * 1024, maxLinesPerFile: 20_000 };
const MAX_EXPANDED = 5;
const MAX_COMMENTS = 100;

/** A commit (`/-/commit/<sha>`): its message, people, parents, the branches and tags with it, and its diff. */
export default async function CommitPage({ params, searchParams }: { params: Promise<ProjectParams & { sha: string }>; searchParams: Promise<{ expand?: string | string[] }> }) {
  const { project, repo, commit } = await commitRoute(params);
  const fullPath = project.fullPath;
  const expand = [(await searchParams).expand ?? []].flat().slice(0, MAX_EXPANDED);
  const diff = await commitDiff(repo, commit.id, LIMITS);
  // Files asked for (`?expand=<path>`) that the page left out are read again, alone, with more room.
  const files: DiffFile[] = await Promise.all(
    diff.diffs.map(async (file) => {
      if (!(file.collapsed || file.too_large) || !expand.includes(file.new_path)) return file;
      return (await commitFileDiff(repo, commit.id, { oldPath: file.old_path, newPath: file.new_path }, EXPANDED)) ?? file;
    }),
  );
  const refs = commitRefs(repo, commit.id, "all", { limit: 50 }).catch(() => null);
  const comments = await commitNotes(project.id, commit.id, { page: 1, perPage: MAX_COMMENTS });
  const body = commit.message.slice(commit.message.split(/\r?\n/, 1)[0]!.length).trim();
  const stats = commit.stats;
  const expandHref = (path: string, index: number) => `${commitUrl(fullPath, commit.id)}?${new URLSearchParams([...expand.map((p) => ["expand", p]), ["expand", path]])}#${diffAnchor(index)}`;

  return (
    <article aria-labelledby="commit-title">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3 border-b border-gray-200 pb-3 text-sm text-gray-700">
        <div className="flex flex-wrap items-center gap-2">
          <span>Commit</span>
          <span className="font-mono font-semibold text-gray-900" title={commit.id}>
            {commit.short_id}
          </span>
          <CopyButton value={commit.id} label="Copy commit SHA" />
          <span>
            authored <TimeAgo date={commit.authored_date} /> by <span className="font-medium text-gray-900">{commit.author_name}</span>
          </span>
        </div>
        <LinkButton variant="secondary" size="sm" href={treeUrl(fullPath, commit.id)}>
          Browse files
        </LinkButton>
      </div>
      <h2 id="commit-title" className="text-xl font-semibold break-words text-gray-900">
        {commit.title}
      </h2>
      {body ? <pre className="mt-3 font-sans text-sm whitespace-pre-wrap text-gray-700">{body}</pre> : null}

      <dl className="mt-4 grid gap-x-6 gap-y-2 rounded-lg border border-gray-200 bg-white p-4 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-gray-500">Author</dt>
        <dd>
          <span className="font-medium text-gray-900">{commit.author_name}</span> <span className="text-gray-500">{`<${commit.author_email}>`}</span> · <TimeAgo date={commit.authored_date} />
        </dd>
        <dt className="text-gray-500">Committer</dt>
        <dd>
          <span className="font-medium text-gray-900">{commit.committer_name}</span> <span className="text-gray-500">{`<${commit.committer_email}>`}</span> · <TimeAgo date={commit.committed_date} />
        </dd>
        <dt className="text-gray-500">{commit.parent_ids.length === 1 ? "Parent" : "Parents"}</dt>
        <dd className="flex flex-wrap gap-2">
          {commit.parent_ids.length === 0 ? <span className="text-gray-500">none (the first commit)</span> : null}
          {commit.parent_ids.map((parent) => (
            <Link key={parent} href={commitUrl(fullPath, parent)} className="font-mono">
              {parent.slice(0, 8)}
            </Link>
          ))}
        </dd>
        <dt className="text-gray-500">Contained in</dt>
        <dd>
          <Suspense fallback={<span className="text-gray-500">Looking for branches and tags…</span>}>
            <CommitRefsLine refs={refs} fullPath={fullPath} />
          </Suspense>
        </dd>
      </dl>

      <section aria-labelledby="changes-title" className="mt-6">
        <h2 id="changes-title" className="mb-3 text-sm text-gray-700">
          {`Showing ${diff.files_changed.toLocaleString("en")} changed ${diff.files_changed === 1 ? "file" : "files"}`}
          {stats ? (
            <>
              {" with "}
              <span className="font-semibold text-green-700">{`${stats.additions.toLocaleString("en")} ${stats.additions === 1 ? "addition" : "additions"}`}</span>
              {" and "}
              <span className="font-semibold text-red-700">{`${stats.deletions.toLocaleString("en")} ${stats.deletions === 1 ? "deletion" : "deletions"}`}</span>
            </>
          ) : null}
        </h2>
        {diff.files_changed > files.length ? (
          <div className="mb-3">
            <Alert tone="warning" title="Too many changes to show.">
              {`To keep this page fast, only ${files.length} of ${diff.files_changed} changed files are listed. Browse the files at this commit, or clone the repository, to see all of them.`}
            </Alert>
          </div>
        ) : null}
        {files.length > 1 ? (
          <details className="mb-4 rounded-lg border border-gray-200 bg-white" open={files.length <= 20}>
            <summary className="cursor-pointer px-4 py-2 text-sm font-medium text-gray-900">Changed files</summary>
            <ul className="border-t border-gray-100 px-4 py-2 text-xs">
              {files.map((file, index) => {
                const counts = diffCounts(file);
                return (
                  <li key={index} className="flex items-center justify-between gap-3 py-0.5">
                    <a href={`#${diffAnchor(index)}`} className="truncate font-mono">
                      {file.renamed_file ? `${file.old_path} → ${file.new_path}` : file.deleted_file ? file.old_path : file.new_path}
                    </a>
                    {counts ? (
                      <span className="shrink-0 font-mono">
                        <span className="text-green-700">{`+${counts.additions}`}</span> <span className="text-red-700">{`-${counts.deletions}`}</span>
                      </span>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </details>
        ) : null}
        <div className="space-y-4">
          {files.map((file, index) => (
            <DiffFileBox key={index} file={file} index={index} fullPath={fullPath} commit={commit.id} expandHref={expand.includes(file.new_path) ? null : expandHref(file.new_path, index)} />
          ))}
        </div>
      </section>
      <CommitComments comments={comments.rows} total={comments.total} />
    </article>
  );
}
