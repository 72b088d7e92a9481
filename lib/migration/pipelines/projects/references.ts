import { and, asc, eq, gt, inArray, isNotNull, ne, sql, type SQL } from "drizzle-orm";
import { alias, type PgColumn, type PgTable } from "drizzle-orm/pg-core";
import { externalUrl } from "@/lib/config";
import { bulkImportEntities, groups, issues, mergeRequests, notes, projects, sourceUserMappings, sourceUsers, users, type Db } from "@/lib/db";
import { rewriteReferences, type PathMapping, type ReferenceRewrite } from "@/lib/references";
import type { EntityContext, RestPipeline } from "../support/types";

const PAGE = 1000;

/** A text column an import fills, read through its import key (the entity's unique index) a page at a time. */
interface ImportedText {
  table: PgTable;
  id: PgColumn;
  text: PgColumn;
  importEntityId: PgColumn;
  importKey: PgColumn;
  /** Which of the table's imported rows carry references (GitLab: issues, merge requests and their notes). */
  where?: SQL;
}

/** The texts GitLab's ReferencesPipeline rewrites. Another one is a line here. */
const TEXTS: readonly ImportedText[] = [
  { table: issues, id: issues.id, text: issues.description, importEntityId: issues.importEntityId, importKey: issues.importKey },
  { table: mergeRequests, id: mergeRequests.id, text: mergeRequests.description, importEntityId: mergeRequests.importEntityId, importKey: mergeRequests.importKey },
  { table: notes, id: notes.id, text: notes.note, importEntityId: notes.importEntityId, importKey: notes.importKey, where: inArray(notes.noteableType, ["Issue", "MergeRequest"]) },
];

/**
 * Rewrites one column of the entity's rows, a page of 1,000 at a time in import-key order (one index read), and
 * writes the rows that change in one UPDATE per page. `updated_at` stays: the text is the same document, as on GitLab
 * (`save!(touch: false)`). Returns how many texts it read.
 */
async function rewriteColumn(db: Db, column: ImportedText, entityId: number, context: ReferenceRewrite): Promise<number> {
  let read = 0;
  let after = "";
  for (;;) {
    const rows = (await db
      .select({ id: column.id, key: column.importKey, text: column.text })
      .from(column.table)
      .where(and(eq(column.importEntityId, entityId), isNotNull(column.importKey), gt(column.importKey, after), column.where))
      .orderBy(asc(column.importKey))
      .limit(PAGE)) as { id: number; key: string; text: string | null }[];
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.key;
    read += rows.length;
    const changed = rows.flatMap((row) => {
      if (!row.text) return [];
      const text = rewriteReferences(row.text, context);
      return text === row.text ? [] : [{ id: row.id, text }];
    });
    if (changed.length > 0) {
      const values = sql.join(changed.map((row) => sql`(${row.id}::integer, ${row.text}::text)`), sql`, `);
      await db.execute(sql`UPDATE ${column.table} SET ${sql.identifier(column.text.name)} = v.text FROM (VALUES ${values}) AS v(id, text) WHERE ${column.id} = v.id`);
    }
    if (rows.length < PAGE) break;
  }
  return read;
}

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
    let read = 0;
    for (const column of TEXTS) read += await rewriteColumn(db, column, entity.entityId, context);
    // Every text is looked at, whether or not it names anything: a replay counts the same.
    return { source: read, fetched: read, imported: read };
  },
};
