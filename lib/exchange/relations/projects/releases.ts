import { asc, eq, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { getDb, milestoneReleases, milestones, releaseLinks, releases } from "@/lib/db";
import { milestoneRecord } from "../common/milestones";
import { mergedRecord } from "../support/merged-record";
import { idsOf, iso, ownedIds } from "../support/record-ids";
import type { CollectionRelation, ExportRecord } from "../support/types";

const anyOf = (column: AnyPgColumn, ids: readonly number[]): SQL => sql`${column} = ANY(${`{${ids.join(",")}}`}::integer[])`;

const groupBy = <T extends { releaseId: number }>(rows: T[]) => {
  const byRelease = new Map<number, T[]>();
  for (const row of rows) {
    const list = byRelease.get(row.releaseId);
    if (list) list.push(row);
    else byRelease.set(row.releaseId, [row]);
  }
  return byRelease;
};

/**
 * `releases: [:links, milestone_releases: [:milestone]]` as GitLab's export writes them: the tag as `tag`, the author
 * as the id of the user Ferry mapped it to (an importer asks GET /users/:id), each milestone whole.
 */
export const releasesRelation: CollectionRelation = {
  kind: "collection",
  name: "releases",
  ids: idsOf(releases, releases.id, releases.projectId),
  async records(projectId, ids) {
    const db = getDb();
    const rows = await db.select().from(releases).where(ownedIds(releases.id, releases.projectId, projectId, ids)).orderBy(asc(releases.id));
    if (rows.length === 0) return [];
    const releaseIds = rows.map((row) => row.id);
    const [links, withMilestones] = await Promise.all([
      db.select().from(releaseLinks).where(anyOf(releaseLinks.releaseId, releaseIds)).orderBy(asc(releaseLinks.id)),
      db.select({ releaseId: milestoneReleases.releaseId, milestone: milestones }).from(milestoneReleases).innerJoin(milestones, eq(milestones.id, milestoneReleases.milestoneId)).where(anyOf(milestoneReleases.releaseId, releaseIds)).orderBy(asc(milestones.id)),
    ]);
    const linksOf = groupBy(links);
    const milestonesOf = groupBy(withMilestones);
    return rows.map((release): ExportRecord => mergedRecord(release.sourceAttributes, {
      id: release.id,
      tag: release.tagName,
      description: release.description,
      project_id: release.projectId,
      created_at: iso(release.createdAt),
      updated_at: iso(release.updatedAt),
      author_id: release.authorId,
      name: release.name,
      sha: release.sha,
      released_at: iso(release.releasedAt),
      links: (linksOf.get(release.id) ?? []).map((link) => mergedRecord(link.sourceAttributes, {
        id: link.id,
        release_id: release.id,
        url: link.url,
        name: link.name,
        created_at: iso(link.createdAt),
        updated_at: iso(link.updatedAt),
        filepath: link.filepath,
        link_type: link.linkType,
      })),
      milestone_releases: (milestonesOf.get(release.id) ?? []).map(({ milestone }) => ({ milestone_id: milestone.id, release_id: release.id, milestone: milestoneRecord(milestone) })),
    }));
  },
};
