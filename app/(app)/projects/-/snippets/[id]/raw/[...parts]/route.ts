import { fileResponse, notFoundResponse } from "@/app/(app)/projects/served-file";
import { fullPathOf } from "@/app/(app)/route-params";
import { currentUser } from "@/lib/auth";
import { findProject } from "@/lib/projects";
import { GitNotFoundError, rawType } from "@/lib/repositories";
import { findProjectSnippet, openSnippetFile } from "@/lib/snippets";

export const dynamic = "force-dynamic";

/**
 * A snippet's file as it is (`/<full path>/-/snippets/<id>/raw[/<ref>/<path>]`, rewritten here by next.config.js as
 * `.../raw/<ref>/<path>/-/<full path>`): the file at `ref` of the snippet's repository, or without a tail its first
 * file (the legacy content when it has no repository). 404 for whoever may not read the snippet, as for a missing file.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; parts: string[] }> }): Promise<Response> {
  const { id, parts } = await params;
  const at = parts.lastIndexOf("-");
  const fullPath = at < 0 ? undefined : fullPathOf(parts.slice(at + 1));
  const user = await currentUser();
  if (!fullPath || !user || !/^\d{1,10}$/.test(id)) return notFoundResponse();
  const project = await findProject(user, fullPath);
  const snippet = project ? await findProjectSnippet(user, project, Number(id)) : undefined;
  if (!snippet) return notFoundResponse();
  const tail = parts.slice(0, at);
  if (tail.length === 1) return notFoundResponse();
  let file;
  try {
    file = await openSnippetFile(snippet, tail.length ? { ref: tail[0]!, path: tail.slice(1).join("/") } : undefined, request.signal);
  } catch (error) {
    if (error instanceof GitNotFoundError) return notFoundResponse();
    throw error;
  }
  const type = rawType(file.name, file.binary);
  const download = new URL(request.url).searchParams.get("inline") === "false";
  return fileResponse(file.stream, { contentType: type.contentType, filename: file.name, attachment: download || !type.inline, size: file.size });
}
