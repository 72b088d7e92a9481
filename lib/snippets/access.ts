import { eq, inArray, or, type SQL } from "drizzle-orm";
import { ACCESS_LEVELS, snippets } from "@/lib/db";
import { canReadProject, canUseFeature, type ProjectAccessFacts } from "@/lib/projects";
import type { Viewer } from "@/lib/viewer";

/** What a snippet's readability depends on beyond its project. */
export interface SnippetAccessFacts {
  visibilityLevel: number;
  authorId: number | null;
}

/**
 * GitLab's read_project_snippet: the project's snippets feature lets the viewer in (snippets_access_level: disabled
 * nobody, private members, enabled everyone who sees the project). What the Snippets tab and every snippet address ask.
 */
export const canReadProjectSnippets = (viewer: Viewer, project: ProjectAccessFacts): boolean => canUseFeature(viewer, project, "snippets");

const isMember = (project: ProjectAccessFacts) => (project.accessLevel ?? 0) >= ACCESS_LEVELS.guest;

/**
 * GitLab's ProjectSnippetPolicy read_snippet on top of that: a public snippet is read by whoever reads the project, an
 * internal one by signed-in users, a private one by the project's members and its author; administrators read all.
 */
export function canReadSnippet(viewer: Viewer, project: ProjectAccessFacts, snippet: SnippetAccessFacts): boolean {
  if (!canReadProjectSnippets(viewer, project) || !canReadProject(viewer, project)) return false;
  if (viewer.isAdmin || isMember(project)) return true;
  if (snippet.visibilityLevel === 20) return true;
  if (snippet.visibilityLevel === 10) return !viewer.anonymous;
  return !viewer.anonymous && snippet.authorId === viewer.id;
}

/** The same rule as a condition on the snippets of a project the viewer may read snippets of, for lists. */
export function readableSnippetsSql(viewer: Viewer, project: ProjectAccessFacts): SQL | undefined {
  if (viewer.isAdmin || isMember(project)) return undefined;
  if (viewer.anonymous) return eq(snippets.visibilityLevel, 20);
  return or(inArray(snippets.visibilityLevel, [10, 20]), eq(snippets.authorId, viewer.id));
}
