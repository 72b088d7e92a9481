import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { externalUrl } from "@/lib/config";
import { bulkImportEntities, groups, issues, mergeRequests, notes, projects, sourceUserMappings, sourceUsers, users, type Db } from "@/lib/db";
import { referenceRewriter, type PathMapping, type ReferenceRewrite } from "@/lib/references";
import { rewriteTexts, type ImportedTexts } from "../support/rewrite-texts";
import type { EntityContext, RestPipeline } from "../support/types";

/** The texts GitLab's ReferencesPipeline rewrites: issues, merge requests and their notes. Another one is a line here. */
const texts = (entityId: number): ImportedTexts[] => [
  { table: issues, id: issues.id, text: issues.description, rows: eq(issues.importEntityId, entityId) },
  { table: mergeRequests, id: mergeRequests.id, text: mergeRequests.description, rows: eq(mergeRequests.importEntityId, entityId) },
  { table: notes, id: notes.id, text: notes.note, rows: and(eq(notes.importEntityId, entityId), inArray(notes.noteableType, ["Issue", "MergeRequest"]))! },
];

/** Where each group and project of this migration came from on the source, and its full path in Ferry now. */
async function pathsOf(db: Db, bulkImportId: number): Promise<PathMapping[]> {
  const projectGroups = alias(groups, "project_groups");
  const rows = await db
    .select({ source: bulkImportEntities.sourceFullPath, group: groups.fullPath, projectGroup: projectGroups.fullPath, project: projects.path })
    .from(bulkImportEntities)
    .leftJoin(groups, eq(groups.id, bulkImportEntities.namespaceId))
    .leftJoin(projects, eq(projects.id, bulkImportEntities.projectId))
    .leftJoin(projectGroups, eq(projectGroups.id, projects.namespaceId))
    .where(eq(bulkImportEntities.bulkImportId, bulkImportId));
  return rows.flatMap((row) => {
    const destination = row.project !== null && row.projectGroup !== null ? `${row.projectGroup}/${row.project}` : row.group;
    return destination ? [{ source: row.source, destination }] : [];
  });
}

/**
 * Source users this migration mapped to real local users of another username (GitLab's mapped_usernames): a
 * placeholder keeps the source's username, so a mention of its user is left as it was.
 */
async function usernamesOf(db: Db, entity: EntityContext, rootGroupId: number): Promise<Map<string, string>> {
  const rows = await db
    .select({ source: sourceUsers.username, local: users.username })
    .from(sourceUserMappings)
    .innerJoin(sourceUsers, eq(sourceUsers.id, sourceUserMappings.sourceUserId))
    .innerJoin(users, eq(users.id, sourceUserMappings.userId))
    .where(and(eq(sourceUserMappings.rootGroupId, rootGroupId), eq(sourceUsers.sourceUrl, entity.sourceUrl), ne(users.userType, "placeholder"), sql`lower(${users.username}) <> lower(${sourceUsers.username})`));
  return new Map(rows.map((row) => [row.source.toLowerCase(), row.local]));
}

/**
 * Stage 5, once issues and merge requests are in (GitLab's ReferencesPipeline and TransformReferencesWorker): their
 * descriptions and notes are made to point at Ferry. The source's addresses into the migrated groups and projects
 * become Ferry's, full-path references name the destination paths, and mentions name mapped users' local usernames.
 * Short references (`#12`, `!3`, `~label`, `%"m"`) stay: iids and titles came over unchanged, and the pages link them.
 */
export const referencesPipeline: RestPipeline = {
  kind: "rest",
  relation: "references",
  async run({ entity, db }) {
    if (entity.projectId === null) throw new Error(`Entity ${entity.entityId} has no destination project yet: its project pipeline has not run.`);
    const [project] = await db.select({ traversalIds: groups.traversalIds }).from(projects).innerJoin(groups, eq(groups.id, projects.namespaceId)).where(eq(projects.id, entity.projectId));
    if (!project) return { source: 0, fetched: 0, imported: 0, skipped: "The destination project no longer exists." };
    const context: ReferenceRewrite = {
      sourceUrl: entity.sourceUrl.replace(/\/+$/, ""),
      destinationUrl: externalUrl(),
      paths: await pathsOf(db, entity.bulkImportId),
      usernames: await usernamesOf(db, entity, project.traversalIds[0]!),
    };
    const rewrite = referenceRewriter(context);
    let read = 0;
    for (const column of texts(entity.entityId)) read += await rewriteTexts(db, column, rewrite);
    // Every text is looked at, whether or not it names anything: a replay counts the same.
    return { source: read, fetched: read, imported: read };
  },
};
