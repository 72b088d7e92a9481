import fs from "node:fs";
import { eq, inArray, sql } from "drizzle-orm";
import { bulkImportEntities, bulkImportFailures, bulkImports, bulkImportTrackers, getDb, groups, labels, milestones } from "@/lib/db";
import { startImports, TERMINAL } from "@/lib/migration";
import { importDirectory } from "@/lib/migration/file-import/archive-store";
import { countRecords, DEFAULT_TOKEN, type TestSource } from "@/test/source";
import { makeUser, unique } from "./factories";
import { describeImport } from "./import-state";

/** How long a test waits for its imports to end: generous, as a busy machine runs them several times slower. */
export const IMPORT_WAIT_MS = 90_000;

/** Waits until every given bulk import has ended, then returns them; says where each stands if one does not end. */
export async function waitForImports(ids: number[], timeoutMs = IMPORT_WAIT_MS) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const rows = await getDb().select().from(bulkImports).where(inArray(bulkImports.id, ids));
    if (rows.length === ids.length && rows.every((r) => TERMINAL.includes(r.status))) return rows;
    await new Promise((r) => setTimeout(r, 200));
  }
  const states = await Promise.all(ids.map((id) => describeImport(id, process.env.FERRY_QUEUE_SCHEMA ?? "pgboss")));
  throw new Error(`imports ${ids.join(",")} did not end within ${timeoutMs} ms\n${states.join("\n")}`);
}

/**
 * Whether every given directory is gone within a few seconds. The worker removes what an import leaves behind (its
 * archive store, a replaced project's repositories) just after the commit that ends it (removed before, a rolled-back
 * end would have lost them), and another job may mark the import ended meanwhile: a test that saw the import end may
 * look a moment too early.
 */
export async function directoriesRemoved(directories: readonly string[], timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (directories.some((dir) => fs.existsSync(dir))) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/** Whether a file import's archive store is gone within a few seconds (directoriesRemoved). */
export const importStoreRemoved = (bulkImportId: number, timeoutMs?: number) => directoriesRemoved([importDirectory(bulkImportId)], timeoutMs);

/** Everything one import produced, group by group, keyed by source full path. */
export async function importResult(bulkImportId: number) {
  const db = getDb();
  const entities = await db.select().from(bulkImportEntities).where(eq(bulkImportEntities.bulkImportId, bulkImportId));
  const result = new Map<string, { entity: typeof bulkImportEntities.$inferSelect; group?: typeof groups.$inferSelect; labels: number; milestones: number; trackers: Map<string, typeof bulkImportTrackers.$inferSelect>; failures: (typeof bulkImportFailures.$inferSelect)[] }>();
  for (const entity of entities) {
    const [group] = entity.namespaceId ? await db.select().from(groups).where(eq(groups.id, entity.namespaceId)) : [];
    const [l] = entity.namespaceId ? await db.select({ n: sql<number>`count(*)::int` }).from(labels).where(eq(labels.groupId, entity.namespaceId)) : [{ n: 0 }];
    const [m] = entity.namespaceId ? await db.select({ n: sql<number>`count(*)::int` }).from(milestones).where(eq(milestones.groupId, entity.namespaceId)) : [{ n: 0 }];
    const trackers = await db.select().from(bulkImportTrackers).where(eq(bulkImportTrackers.entityId, entity.id));
    const failures = await db.select().from(bulkImportFailures).where(eq(bulkImportFailures.entityId, entity.id));
    result.set(entity.sourceFullPath, { entity, group, labels: l!.n, milestones: m!.n, trackers: new Map(trackers.map((t) => [t.relation, t])), failures });
  }
  return result;
}

/** What the source has for a group's relation, counted from the data it serves. */
export async function sourceCount(source: TestSource, groupId: number, relation: string): Promise<number> {
  const rel = source.group(groupId).relations.get(relation);
  return rel ? countRecords(rel) : 0;
}

/** Imports a test-source group with its subgroups as a new user: the bulk import once it ended, every entity's result, and the top-level group's entry. */
async function importSourceGroup(source: TestSource, sourceGroupId: number, options: { slugPrefix: string; migrateProjects: boolean; migrateMemberships: boolean }) {
  const { slugPrefix, migrateProjects, migrateMemberships } = options;
  const [started] = await startImports(await makeUser(), { url: source.url, token: DEFAULT_TOKEN }, [
    { sourceFullPath: source.group(sourceGroupId).path, destinationSlug: unique(slugPrefix), destinationNamespace: "", migrateProjects, migrateMemberships },
  ]);
  const [bulkImport] = await waitForImports([started!.bulkImportId]);
  const result = await importResult(started!.bulkImportId);
  return { bulkImport: bulkImport!, result, root: result.get(source.group(sourceGroupId).path)! };
}

/** The group alone, without projects or memberships: what a group pipeline's own test needs, quickly. */
export const importGroupAlone = (source: TestSource, sourceGroupId: number, slugPrefix: string) => importSourceGroup(source, sourceGroupId, { slugPrefix, migrateProjects: false, migrateMemberships: false });

/** The group with its projects, without memberships: what a project relation's test needs; `project` is the result of the one at `projectPath`. */
export async function importGroupProject(source: TestSource, sourceGroupId: number, projectPath: string) {
  const imported = await importSourceGroup(source, sourceGroupId, { slugPrefix: "dest", migrateProjects: true, migrateMemberships: false });
  return { ...imported, project: imported.result.get(`${source.group(sourceGroupId).path}/${projectPath}`)! };
}
