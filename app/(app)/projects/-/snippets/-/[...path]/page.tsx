import { SnippetList } from "@/components/projects/snippets/snippet-list";
import { snippetsUrl } from "@/components/projects/snippets/snippet-urls";
import { Pagination } from "@/components/ui/pagination";
import type { ProjectParams } from "@/app/(app)/projects/project-route";
import { snippetsRoute } from "@/app/(app)/projects/-/snippets/snippets-route";
import { pageOf } from "@/app/(app)/route-params";
import { noteCounts } from "@/lib/content";
import { listProjectSnippets, snippetFiles } from "@/lib/snippets";

const PER_PAGE = 20;
const VISIBILITY: Record<number, string> = { 0: "Private", 10: "Internal", 20: "Public" };

/** Snippets (`/-/snippets`): the project's snippets the user may read, newest first. */
export default async function SnippetsPage({ params, searchParams }: { params: Promise<ProjectParams>; searchParams: Promise<{ page?: string }> }) {
  const { user, project } = await snippetsRoute(params);
  const page = pageOf((await searchParams).page);
  const { rows, total } = await listProjectSnippets(user, project, { page, perPage: PER_PAGE });
  const [files, comments] = await Promise.all([Promise.all(rows.map((snippet) => snippetFiles(snippet))), noteCounts("Snippet", rows.map((snippet) => snippet.id))]);
  const base = snippetsUrl(project.fullPath);
  return (
    <section aria-label="Project snippets">
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center text-sm text-gray-600">This project has no snippets.</p>
      ) : (
        <SnippetList
          fullPath={project.fullPath}
          rows={rows.map((snippet, index) => ({
            id: snippet.id,
            title: snippet.title,
            author: snippet.author,
            filesCount: files[index]!.files.length,
            visibility: VISIBILITY[snippet.visibilityLevel] ?? "Private",
            createdAt: snippet.createdAt,
            updatedAt: snippet.updatedAt,
            notesCount: comments.get(snippet.id) ?? 0,
          }))}
        />
      )}
      <Pagination page={page} totalPages={Math.ceil(total / PER_PAGE)} hrefFor={(p) => `${base}?page=${p}`} label="Snippets pagination" />
    </section>
  );
}
