import { and, asc, eq, sql } from "drizzle-orm";
import { getDb, mergeRequests } from "@/lib/db";
import { canUseFeature, type ProjectWithAccess } from "@/lib/projects";
import type { Viewer } from "@/lib/viewer";

export interface RelatedMergeRequest {
  id: number;
  iid: number;
  title: string;
  state: string;
  /** The description closes the issue ("Closes #3"), rather than only mentioning it. */
  closes: boolean;
}

// GitLab's default issue closing pattern, for this project's issues (`#3`; another project's `a/b#3` is not this one): "Closes #3", "fixes #3, #4"...
const CLOSING_WORDS = "(?:clos(?:e|es|ed|ing)|fix(?:|es|ed|ing)|resolv(?:e|es|ed|ing)|implement(?:|s|ed|ing))";

/** Whether `text` closes issue `iid` by GitLab's closing pattern: a closing word, then a list of references holding `#iid`. */
export function closesIssue(text: string, iid: number): boolean {
  const ref = "(?:issues?\\s+)?#";
  const pattern = new RegExp(`\\b${CLOSING_WORDS}:?\\s+(?:${ref}\\d+(?:\\s*,?\\s+and\\s+|\\s*,\\s*|\\s+))*${ref}${iid}(?!\\d)`, "i");
  return pattern.test(text);
}

/** At most this many merge requests are shown: the issue page's section is a summary, not a list to page through. */
const LIMIT = 50;

/**
 * The project's merge requests whose description names this issue (`#iid`, not `#iid0`, nor `!iid` or `&iid`), as GitLab
 * relates them through closing patterns and mentions; only for viewers the project's merge requests feature lets in.
 * The project's merge requests come from its (project_id, ...) index; the pattern is checked on those rows alone.
 */
export async function relatedMergeRequests(viewer: Viewer, project: ProjectWithAccess, iid: number): Promise<RelatedMergeRequest[]> {
  if (!canUseFeature(viewer, project, "merge_requests")) return [];
  const rows = await getDb()
    .select({ id: mergeRequests.id, iid: mergeRequests.iid, title: mergeRequests.title, state: mergeRequests.state, description: mergeRequests.description })
    .from(mergeRequests)
    .where(and(eq(mergeRequests.projectId, project.id), sql`${mergeRequests.description} ~ ${`(^|[^0-9A-Za-z_&!#])#${iid}([^0-9]|$)`}`))
    .orderBy(asc(mergeRequests.iid))
    .limit(LIMIT);
  return rows.map(({ description, ...mr }) => ({ ...mr, closes: closesIssue(description ?? "", iid) }));
}
