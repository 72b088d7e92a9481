import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb, milestoneReleases, milestones, releaseLinks, releases, users } from "@/lib/db";
import { GitNotFoundError, tag, type Commit } from "@/lib/repositories";

export type ReleaseLink = typeof releaseLinks.$inferSelect;
type Milestone = typeof milestones.$inferSelect;

/** A release as its pages and the API show it: with its author, asset links and milestones. */
export interface ReleaseView {
  release: typeof releases.$inferSelect;
  author: { id: number; username: string; name: string; state: "active" | "blocked" } | null;
  links: ReleaseLink[];
  milestones: Milestone[];
}

async function withParts(rows: (typeof releases.$inferSelect)[]): Promise<ReleaseView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const authorIds = [...new Set(rows.flatMap((row) => (row.authorId === null ? [] : [row.authorId])))];
  const db = getDb();
  const [authors, links, linked] = await Promise.all([
    authorIds.length ? db.select({ id: users.id, username: users.username, name: users.name, state: users.state }).from(users).where(inArray(users.id, authorIds)) : [],
    // GitLab's Releases::Link.sorted: newest first.
    db.select().from(releaseLinks).where(inArray(releaseLinks.releaseId, ids)).orderBy(desc(releaseLinks.createdAt), desc(releaseLinks.id)),
    db.select({ releaseId: milestoneReleases.releaseId, milestone: milestones }).from(milestoneReleases).innerJoin(milestones, eq(milestones.id, milestoneReleases.milestoneId)).where(inArray(milestoneReleases.releaseId, ids)).orderBy(asc(milestones.title)),
  ]);
  const byId = new Map(authors.map((author) => [author.id, author]));
  return rows.map((release) => ({
    release,
    author: release.authorId === null ? null : (byId.get(release.authorId) ?? null),
    links: links.filter((link) => link.releaseId === release.id),
    milestones: linked.filter((entry) => entry.releaseId === release.id).map((entry) => entry.milestone),
  }));
}

/** A page of the project's releases, newest released first (GitLab's default order), and how many it has. */
export async function listReleases(projectId: number, page: { page: number; perPage: number }): Promise<{ releases: ReleaseView[]; total: number }> {
  const db = getDb();
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(releases)
      .where(eq(releases.projectId, projectId))
      .orderBy(desc(releases.releasedAt), desc(releases.id))
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage),
    db.select({ n: sql<number>`count(*)::int` }).from(releases).where(eq(releases.projectId, projectId)),
  ]);
  return { releases: await withParts(rows), total: count?.n ?? 0 };
}

/** The project's release of this tag, if it has one. */
export async function findRelease(projectId: number, tagName: string): Promise<ReleaseView | undefined> {
  const rows = await getDb()
    .select()
    .from(releases)
    .where(and(eq(releases.projectId, projectId), eq(releases.tagName, tagName)));
  return (await withParts(rows))[0];
}

/**
 * The asset link of a release that its permanent address names (`/-/releases/<tag>/downloads<filepath>`), when the
 * link's address is one GitLab would accept (http, https, ftp) and so one a redirect may lead to.
 */
export function linkAtFilepath(view: ReleaseView, filepath: string): ReleaseLink | undefined {
  const link = view.links.find((candidate) => candidate.filepath === filepath);
  return link && /^(https?|ftp):\/\//i.test(link.url) ? link : undefined;
}

/** The release (its tag and notes) of each of these tags that has one, by tag name: one query for a page of tags. */
export async function releasesOfTags(projectId: number, tagNames: readonly string[]): Promise<Map<string, { tagName: string; description: string | null }>> {
  if (tagNames.length === 0) return new Map();
  const rows = await getDb()
    .select({ tagName: releases.tagName, description: releases.description })
    .from(releases)
    .where(and(eq(releases.projectId, projectId), inArray(releases.tagName, [...tagNames])));
  return new Map(rows.map((row) => [row.tagName, row]));
}

/** The commit a release's tag points at; null when the tag is gone from the repository (or points at no commit). */
export async function releaseCommit(repo: string, tagName: string): Promise<Commit | null> {
  try {
    return (await tag(repo, tagName)).commit;
  } catch (error) {
    if (error instanceof GitNotFoundError) return null;
    throw error;
  }
}
