import { and, inArray } from "drizzle-orm";
import { bulkInsert, milestoneReleases, milestones, releaseLinks, releases, type Tx } from "@/lib/db";
import { GitNotFoundError, repositoryPath, tag } from "@/lib/repositories";
import { RecordError } from "../../errors";
import { mapSourceUsers, prepareSourceUsers } from "../../source-users";
import { insertNew } from "../support/insert-by-import-key";
import { inScope, nearness, ownerOf, ownerScope } from "../support/owner";
import { sourceWebUrl } from "../support/source-urls";
import type { EntityContext, NdjsonPipeline } from "../support/types";
import { transformRelease, type ReleaseRow } from "./releases-transform";

async function hasTag(repo: string, name: string): Promise<boolean> {
  try {
    await tag(repo, name);
    return true;
  } catch (error) {
    if (error instanceof GitNotFoundError) return false;
    throw error;
  }
}

/** The ids of the milestones these titles name, the project's own first, then its groups' (nearest first). */
async function milestonesByTitle(tx: Tx, entity: EntityContext, titles: string[]): Promise<Map<string, number>> {
  if (titles.length === 0) return new Map();
  const scope = await ownerScope(tx, ownerOf(entity));
  const rows = await tx
    .select({ id: milestones.id, title: milestones.title, groupId: milestones.groupId, projectId: milestones.projectId })
    .from(milestones)
    .where(and(inScope(milestones, scope), inArray(milestones.title, titles)));
  rows.sort((a, b) => nearness(scope, b) - nearness(scope, a) || a.id - b.id);
  const byTitle = new Map<string, number>();
  for (const row of rows) if (!byTitle.has(row.title)) byTitle.set(row.title, row.id);
  return byTitle;
}

/**
 * Loads a chunk of releases in one transaction: refuses one whose tag the repository lacks (restored in stage 1),
 * maps authors, inserts the releases not imported yet (by import key) and, for those only, their links and their
 * milestones. A milestone title the project does not have is left unlinked (it stays in the release's
 * source_attributes).
 */
async function loadReleases(tx: Tx, rows: ReleaseRow[], entity: EntityContext): Promise<void> {
  const missing = rows.find((row) => row.tagExists === false);
  if (missing) throw new RecordError(`Tag ${missing.values.tagName} does not exist in the project's repository`, "ActiveRecord::RecordInvalid");
  const scope = await ownerScope(tx, ownerOf(entity));
  const mapped = await mapSourceUsers(tx, { sourceUrl: entity.sourceUrl, rootGroupId: scope.groupIds[0]! }, rows.flatMap((row) => row.users));
  const ids = await insertNew(
    tx,
    releases,
    rows.map((row) => Object.assign({}, row.values, { authorId: row.authorId === null ? null : (mapped.get(row.authorId) ?? null) })),
    { ids: true },
  );
  const fresh = rows.flatMap((row) => {
    const id = ids.get(row.values.importKey);
    return id === undefined ? [] : [{ row, id }];
  });
  await bulkInsert(tx, releaseLinks, fresh.flatMap(({ row, id }) => row.links.map((link) => Object.assign({}, link, { releaseId: id }))));
  const milestoneIds = await milestonesByTitle(tx, entity, [...new Set(fresh.flatMap(({ row }) => row.milestoneTitles))]);
  const links = fresh.flatMap(({ row, id }) => row.milestoneTitles.flatMap((title) => (milestoneIds.has(title) ? [{ releaseId: id, milestoneId: milestoneIds.get(title)! }] : [])));
  await bulkInsert(tx, milestoneReleases, links);
}

/**
 * Stage 4: the project's releases (`releases: [:links, milestone_releases: [:milestone]]`), with their asset links,
 * milestones and authors. Each release's tag must be in the repository: one whose tag is missing is one failure
 * naming the tag, and the others still load.
 */
export const releasesPipeline: NdjsonPipeline<ReleaseRow> = {
  kind: "ndjson",
  relation: "releases",
  transform: transformRelease,
  async prepare(rows, { entity, client }) {
    await prepareSourceUsers(client, entity, rows.flatMap((row) => row.users));
    const repo = repositoryPath(ownerOf(entity).projectId!, "project");
    for (const row of rows) row.tagExists = await hasTag(repo, row.values.tagName);
  },
  load: loadReleases,
  titleOf: (record) => (typeof record.name === "string" ? record.name : typeof record.tag === "string" ? record.tag : undefined),
  sourceUrlOf: (record, entity) => (typeof record.tag === "string" ? sourceWebUrl(entity, `releases/${encodeURIComponent(record.tag)}`) : undefined),
};

