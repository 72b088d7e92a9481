import Link from "next/link";
import { Suspense } from "react";
import { commitUrl, treeUrl } from "@/components/projects/project-urls";
import { CommitComments } from "@/components/projects/repository/commit-comments";
import { CommitRefsLine } from "@/components/projects/repository/commit-refs-line";
import { diffAnchor } from "@/components/projects/repository/diff-file";
import { DiffFiles } from "@/components/projects/repository/diff-files";
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

      <DiffFiles
        className="mt-6"
        files={files}
        total={diff.files_changed}
        stats={stats ?? null}
        headingLevel="h2"
        overflow={diff.files_changed > files.length ? `To keep this page fast, only ${files.length} of ${diff.files_changed} changed files are listed. Browse the files at this commit, or clone the repository, to see all of them.` : null}
        listTitle="Changed files"
        fullPath={fullPath}
        commit={commit.id}
        expand={expand}
        expandHref={expandHref}
      />
      <CommitComments comments={comments.rows} total={comments.total} />
    </article>
  );
}
