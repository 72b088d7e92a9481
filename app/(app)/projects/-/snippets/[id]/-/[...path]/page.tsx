import Link from "next/link";
import { Awards } from "@/components/content/awards";
import { Person } from "@/components/content/person";
import { NoteList, type ActivityEntry } from "@/components/content/note-list";
import { SnippetFile } from "@/components/projects/snippets/snippet-file";
import { snippetRawUrl, snippetsUrl, snippetUrl } from "@/components/projects/snippets/snippet-urls";
import { Badge } from "@/components/ui/badge";
import { Markdown } from "@/components/ui/markdown";
import { Pagination } from "@/components/ui/pagination";
import { TimeAgo } from "@/components/ui/time-ago";
import { peopleResolver } from "@/app/(app)/content-items";
import { snippetRoute, type SnippetParams } from "@/app/(app)/projects/-/snippets/snippets-route";
import { pageOf } from "@/app/(app)/route-params";
import { awardCounts, listSnippetNotes } from "@/lib/content";
import { snippetFiles, snippetFileView } from "@/lib/snippets";

const NOTES_PER_PAGE = 50;
// What the page reads of a file; a larger one is a download (GitLab's blob viewer limit).
const MAX_SHOWN_BYTES = 1024 * 1024;
const VISIBILITY: Record<number, string> = { 0: "Private", 10: "Internal", 20: "Public" };

/**
 * A snippet (`/-/snippets/<id>`): its title, author and description, each of its files (its repository's default
 * branch, or the legacy file) highlighted with raw links, its reactions, then its comments with theirs.
 */
export default async function SnippetPage({ params, searchParams }: { params: Promise<SnippetParams>; searchParams: Promise<{ page?: string }> }) {
  const { project, snippet } = await snippetRoute(params);
  const page = pageOf((await searchParams).page);
  const [{ ref, commit, files }, notes, awards] = await Promise.all([snippetFiles(snippet), listSnippetNotes(snippet.id, { page, perPage: NOTES_PER_PAGE }), awardCounts("Snippet", [snippet.id])]);
  const views = await Promise.all(files.map((file) => snippetFileView(snippet, commit, file.path, MAX_SHOWN_BYTES)));
  const person = await peopleResolver([snippet.author, ...notes.rows.map((note) => note.author)]);
  const entries: ActivityEntry[] = notes.rows.map((note) => ({
    kind: "note",
    note: { id: note.id, body: note.note, system: note.system, internal: note.internal, discussionId: note.discussionId, author: person(note.author), createdAt: note.createdAt, updatedAt: note.updatedAt, awards: note.awards },
  }));
  const fullPath = project.fullPath;
  const self = snippetUrl(fullPath, snippet.id);
  return (
    <article aria-labelledby="snippet-title" className="space-y-5">
      <nav aria-label="Breadcrumb" className="text-sm text-gray-600">
        <Link href={snippetsUrl(fullPath)} className="hover:underline">
          Snippets
        </Link>
        <span className="mx-1 text-gray-400">/</span>
        <span className="font-mono">${snippet.id}</span>
      </nav>
      <header className="space-y-2 border-b border-gray-200 pb-4">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id="snippet-title" className="text-xl font-semibold text-gray-900">
            {snippet.title}
          </h2>
          <Badge>{VISIBILITY[snippet.visibilityLevel] ?? "Private"}</Badge>
        </div>
        <p className="flex flex-wrap items-center gap-x-1 text-sm text-gray-600">
          Authored <TimeAgo date={snippet.createdAt} /> by <Person person={person(snippet.author)} />
          {snippet.updatedAt.getTime() - snippet.createdAt.getTime() > 60_000 ? (
            <>
              <span aria-hidden="true">·</span> updated <TimeAgo date={snippet.updatedAt} />
            </>
          ) : null}
        </p>
        {snippet.description ? <Markdown source={snippet.description} className="pt-2" /> : null}
      </header>
      <div className="space-y-4" aria-label="Files">
        {views.map((view, index) => (
          <SnippetFile key={files[index]!.path || index} file={view} rawHref={snippetRawUrl(fullPath, snippet.id, ref ? { ref, path: files[index]!.path } : undefined)} />
        ))}
      </div>
      <Awards awards={awards.get(snippet.id) ?? []} label="Reactions" />
      <section aria-labelledby="snippet-activity" className="space-y-3">
        <h3 id="snippet-activity" className="text-base font-semibold text-gray-900">
          Comments <span className="text-sm font-normal text-gray-500">{notes.total}</span>
        </h3>
        <NoteList entries={entries} epicHref={() => self} />
        <Pagination page={page} totalPages={Math.ceil(notes.total / NOTES_PER_PAGE)} hrefFor={(p) => `${self}?page=${p}`} label="Comments pagination" />
      </section>
    </article>
  );
}
