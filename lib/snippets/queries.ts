import { and, asc, desc, eq, gt, sql, type SQL } from "drizzle-orm";
import { getDb, isRowId, snippets, users } from "@/lib/db";
import type { UserSummary } from "@/lib/groups";
import type { ProjectWithAccess } from "@/lib/projects";
import type { Viewer } from "@/lib/viewer";
import { canReadProjectSnippets, canReadSnippet, readableSnippetsSql } from "./access";

export type Snippet = typeof snippets.$inferSelect;

/** A snippet as pages and the API show it: with its author. */
export interface SnippetRow extends Snippet {
  author: UserSummary | null;
}

const author = { id: users.id, username: users.username, name: users.name, state: users.state, userType: users.userType };

/** The project's snippets the viewer may read, newest first (GitLab's default), a page at a time. */
export async function listProjectSnippets(viewer: Viewer, project: ProjectWithAccess, options: { page: number; perPage: number }): Promise<{ rows: SnippetRow[]; total: number }> {
  if (!canReadProjectSnippets(viewer, project)) return { rows: [], total: 0 };
  const where: SQL[] = [eq(snippets.projectId, project.id)];
  const readable = readableSnippetsSql(viewer, project);
  if (readable) where.push(readable);
  const db = getDb();
  const [rows, [count]] = await Promise.all([
    db
      .select({ snippet: snippets, author })
      .from(snippets)
      .leftJoin(users, eq(users.id, snippets.authorId))
      .where(and(...where))
      .orderBy(desc(snippets.createdAt), desc(snippets.id))
      .limit(options.perPage)
      .offset((options.page - 1) * options.perPage),
    db.select({ total: sql<number>`count(*)::int` }).from(snippets).where(and(...where)),
  ]);
  return { rows: rows.map((row) => ({ ...row.snippet, author: row.author })), total: count?.total ?? 0 };
}

/** One snippet of the project, if the viewer may read it. */
export async function findProjectSnippet(viewer: Viewer, project: ProjectWithAccess, snippetId: number): Promise<SnippetRow | undefined> {
  if (!isRowId(snippetId)) return undefined;
  const [row] = await getDb()
    .select({ snippet: snippets, author })
    .from(snippets)
    .leftJoin(users, eq(users.id, snippets.authorId))
    .where(and(eq(snippets.projectId, project.id), eq(snippets.id, snippetId)))
    .limit(1);
  if (!row || !canReadSnippet(viewer, project, row.snippet)) return undefined;
  return { ...row.snippet, author: row.author };
}

/** A keyset page of the project's snippets the viewer may read, by id after `afterId` (GraphQL's connection). */
export async function snippetsAfter(viewer: Viewer, project: ProjectWithAccess, afterId: number, limit: number): Promise<SnippetRow[]> {
  if (!canReadProjectSnippets(viewer, project)) return [];
  const where: SQL[] = [eq(snippets.projectId, project.id), gt(snippets.id, afterId)];
  const readable = readableSnippetsSql(viewer, project);
  if (readable) where.push(readable);
  const rows = await getDb()
    .select({ snippet: snippets, author })
    .from(snippets)
    .leftJoin(users, eq(users.id, snippets.authorId))
    .where(and(...where))
    .orderBy(asc(snippets.id))
    .limit(limit);
  return rows.map((row) => ({ ...row.snippet, author: row.author }));
}
