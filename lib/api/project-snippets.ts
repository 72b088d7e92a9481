import type { TokenIdentity } from "@/lib/auth/tokens";
import { findProject, type ProjectWithAccess } from "@/lib/projects";
import { GitNotFoundError, rawType } from "@/lib/repositories";
import { canReadProjectSnippets, findProjectSnippet, listProjectSnippets, openSnippetFile, snippetFiles, snippetRepository, type SnippetRow } from "@/lib/snippets";
import { baseUrlOf } from "./base-url";
import { userBasic } from "./entities/user";
import { contentDisposition, NO_CACHE_HEADERS, streamedFile } from "./file-responses";
import { integerParam } from "./ids";
import { pageParams, paginationHeaders } from "./pagination";
import { readAll } from "./param-error";
import { rawSegments } from "./repository-route";
import { apiRoute, type ApiContext } from "./request-auth";
import { forbidden, json, notFound } from "./responses";

const VISIBILITY: Record<number, string> = { 0: "private", 10: "internal", 20: "public" };

/** GitLab's ProjectSnippet entity (`lib/api/entities/project_snippet.rb`): web and raw addresses under the project's `/-/snippets/<id>`. */
async function snippetEntity(snippet: SnippetRow, project: ProjectWithAccess, baseUrl: string) {
  const webUrl = `${baseUrl}/${project.fullPath}/-/snippets/${snippet.id}`;
  const { ref, files } = await snippetFiles(snippet);
  const imported = snippet.importEntityId !== null;
  return {
    id: snippet.id,
    title: snippet.title,
    description: snippet.description,
    visibility: VISIBILITY[snippet.visibilityLevel] ?? "private",
    author: snippet.author ? userBasic(snippet.author, baseUrl) : null,
    created_at: snippet.createdAt.toISOString(),
    updated_at: snippet.updatedAt.toISOString(),
    project_id: project.id,
    web_url: webUrl,
    raw_url: `${webUrl}/raw`,
    file_name: ref ? (files[0]?.path ?? snippet.fileName) : snippet.fileName,
    files: files.map((file) => ({ path: file.path, raw_url: `${webUrl}/raw/${ref ?? "main"}/${file.path.split("/").map(encodeURIComponent).join("/")}` })),
    ssh_url_to_repo: null,
    http_url_to_repo: (await snippetRepository(snippet.id)) ? `${baseUrl}/${project.fullPath}/snippets/${snippet.id}.git` : null,
    imported,
    imported_from: imported ? "gitlab_migration" : "none",
  };
}

type NextParams = Record<string, string | string[] | undefined>;
type Context<S extends string> = ApiContext<Record<S | "id", string>, TokenIdentity | null> & { project: ProjectWithAccess; baseUrl: string };

/**
 * A project snippets endpoint: public projects answer without a token; a project the caller cannot see is "404
 * Project Not Found", one whose snippets feature keeps them out "403 Forbidden" (GitLab's read_project_snippet).
 */
function snippetsRoute<S extends string = never>(tail: string, handler: (context: Context<S>) => Promise<Response>) {
  const pattern = `:id/${tail}`;
  const route = apiRoute<Record<S | "id", string>>("public", async (context) => {
    const project = await findProject(context.viewer, context.params.id);
    if (!project) return notFound("Project Not");
    if (!canReadProjectSnippets(context.viewer, project)) return forbidden();
    try {
      return await handler({ ...context, project, baseUrl: baseUrlOf(context.request) });
    } catch (error) {
      if (error instanceof GitNotFoundError) return json({ message: error.message }, { status: 404 });
      throw error;
    }
  });
  return async (request: Request, context: { params: Promise<NextParams> }): Promise<Response> => {
    const raw = rawSegments(new URL(request.url).pathname, pattern);
    const params = raw ?? Object.fromEntries(Object.entries(await context.params).map(([key, value]) => [key, encodeURIComponent(String(value ?? ""))]));
    return route(request, { params: Promise.resolve(params as Record<S | "id", string>) });
  };
}

/** The snippet the `:snippet_id` names, if the caller may read it. */
async function snippetOf(context: Context<"snippet_id">): Promise<SnippetRow | undefined> {
  const [id] = readAll(() => integerParam(context.params.snippet_id, "snippet_id"));
  return id === undefined ? undefined : findProjectSnippet(context.viewer, context.project, id);
}

/** GET /projects/:id/snippets: the snippets the caller may read, newest first, paginated. */
export const projectSnippetsRoute = snippetsRoute("snippets", async ({ request, url, viewer, project, baseUrl }) => {
  const page = pageParams(url.searchParams);
  const { rows, total } = await listProjectSnippets(viewer, project, page);
  return json(await Promise.all(rows.map((snippet) => snippetEntity(snippet, project, baseUrl))), { headers: paginationHeaders(request, total, page) });
});

/** GET /projects/:id/snippets/:snippet_id. */
export const projectSnippetRoute = snippetsRoute<"snippet_id">("snippets/:snippet_id", async (context) => {
  const snippet = await snippetOf(context);
  if (!snippet) return notFound("Snippet Not");
  return json(await snippetEntity(snippet, context.project, context.baseUrl));
});

function rawResponse(request: Request, file: Awaited<ReturnType<typeof openSnippetFile>>): Response {
  const type = rawType(file.name, file.binary);
  const headers = new Headers(NO_CACHE_HEADERS);
  headers.set("content-type", type.contentType);
  headers.set("content-disposition", contentDisposition(type.inline ? "inline" : "attachment", file.name));
  headers.set("content-length", String(file.size));
  if (request.method === "HEAD") {
    file.stream.destroy();
    return new Response(null, { status: 200, headers });
  }
  return streamedFile(file.stream, headers);
}

/** GET /projects/:id/snippets/:snippet_id/raw: the snippet's first file (its legacy content when it has no repository). */
export const projectSnippetRawRoute = snippetsRoute<"snippet_id">("snippets/:snippet_id/raw", async (context) => {
  const snippet = await snippetOf(context);
  if (!snippet) return notFound("Snippet Not");
  return rawResponse(context.request, await openSnippetFile(snippet, undefined, context.request.signal));
});

/** GET /projects/:id/snippets/:snippet_id/files/:ref/:file_path/raw: one file of the snippet's repository at `ref`. */
export const projectSnippetFileRawRoute = snippetsRoute<"snippet_id" | "ref" | "file_path">("snippets/:snippet_id/files/:ref/:file_path/raw", async (context) => {
  const snippet = await snippetOf(context);
  if (!snippet) return notFound("Snippet Not");
  return rawResponse(context.request, await openSnippetFile(snippet, { ref: context.params.ref, path: context.params.file_path }, context.request.signal));
});
