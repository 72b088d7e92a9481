import { notFound } from "next/navigation";
import { cache } from "react";
import { findProjectSnippet, canReadProjectSnippets } from "@/lib/snippets";
import { fullPathOf } from "@/app/(app)/route-params";
import { projectRoute, type ProjectParams } from "@/app/(app)/projects/project-route";

/** The `[id]` and `[...path]` of a snippet page (`/projects/-/snippets/<id>/-/<full path>`). */
export interface SnippetParams extends ProjectParams {
  id: string;
}

/** The project of a snippets route, 404 when the viewer may not see its snippets (the feature keeps them out). */
export async function snippetsRoute(params: Promise<ProjectParams>) {
  const found = await projectRoute(params);
  if (!canReadProjectSnippets(found.user, found.project)) notFound();
  return found;
}

const lookUpSnippet = cache(async (fullPath: string, id: string) => {
  const found = await snippetsRoute(Promise.resolve({ path: fullPath.split("/") }));
  const snippet = /^\d{1,10}$/.test(id) ? await findProjectSnippet(found.user, found.project, Number(id)) : undefined;
  return { ...found, snippet };
});

/** The snippet of a snippet page; 404 when it is not there or the viewer may not read it. */
export async function snippetRoute(params: Promise<SnippetParams>) {
  const { path, id } = await params;
  const fullPath = fullPathOf(path);
  if (fullPath === undefined) notFound();
  const found = await lookUpSnippet(fullPath, id);
  if (!found.snippet) notFound();
  return { ...found, snippet: found.snippet };
}
