import { eq } from "drizzle-orm";
import { getDb, groups } from "@/lib/db";
import { startImports } from "@/lib/migration";
import { importResult, waitForImports } from "@/test/helpers/imports";
import { DEFAULT_TOKEN, type TestSource } from "@/test/source";

type Group = typeof groups.$inferSelect;

/**
 * Imports a source group (with its subgroups) into this Ferry with Ferry's own engine, as `user`, under `slug`;
 * returns the destination groups by source group id. A worker with the import handlers must be running.
 */
export async function importSourceGroup(
  source: { url: string; token?: string },
  sourceFullPath: string,
  user: { id: number; isAdmin: boolean; username: string },
  slug: string,
): Promise<{ bulkImportId: number; status: number; hasFailures: boolean; byPath: Map<string, Group> }> {
  const [started] = await startImports(user as Parameters<typeof startImports>[0], { url: source.url, token: source.token ?? DEFAULT_TOKEN }, [
    { sourceFullPath, destinationSlug: slug, destinationNamespace: "", migrateProjects: true, migrateMemberships: true },
  ]);
  const [bulkImport] = await waitForImports([started!.bulkImportId], 90_000);
  const result = await importResult(started!.bulkImportId);
  const byPath = new Map<string, Group>();
  for (const [path, entry] of result) if (entry.group) byPath.set(path, entry.group);
  return { bulkImportId: started!.bulkImportId, status: bulkImport!.status, hasFailures: bulkImport!.hasFailures, byPath };
}

/** The destination group an import made of a test-source group, by the source group's id. */
export function destinationOf(source: TestSource, imported: Map<string, Group>, sourceGroupId: number, rootId: number): Group {
  const root = source.group(rootId);
  const group = source.group(sourceGroupId);
  const path = sourceGroupId === rootId ? root.path : `${root.path}/${group.path}`;
  const found = imported.get(path);
  if (!found) throw new Error(`no destination group for ${path}`);
  return found;
}

export async function reloadGroup(id: number): Promise<Group> {
  const [group] = await getDb().select().from(groups).where(eq(groups.id, id));
  return group!;
}
