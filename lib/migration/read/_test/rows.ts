import { bulkImportEntities, bulkImports, bulkImportTrackers, getDb } from "@/lib/db";
import { unique } from "@/test/helpers/factories";

// Rows of the import tables as the engine would have written them, for the read models' tests.

export const viewer = (u: { id: number; isAdmin: boolean }) => ({ id: u.id, isAdmin: u.isAdmin });
export const at = (seconds: number) => new Date(Date.UTC(2025, 0, 1, 12, 0, seconds));

export async function makeImport(userId: number, overrides: Partial<typeof bulkImports.$inferInsert> = {}) {
  const [row] = await getDb()
    .insert(bulkImports)
    .values({ userId, sourceUrl: "https://gitlab.example.com/", sourceVersion: "17.5.0", tokenCiphertext: "x", ...overrides })
    .returning();
  return row!;
}

export async function makeEntity(bulkImportId: number, overrides: Partial<typeof bulkImportEntities.$inferInsert> = {}) {
  const [row] = await getDb()
    .insert(bulkImportEntities)
    .values({ bulkImportId, sourceType: "group_entity", sourceFullPath: unique("src"), destinationSlug: unique("dst"), destinationNamespace: "", ...overrides })
    .returning();
  return row!;
}

export async function makeTracker(entityId: number, relation: string, overrides: Partial<typeof bulkImportTrackers.$inferInsert> = {}) {
  const [row] = await getDb()
    .insert(bulkImportTrackers)
    .values({ entityId, relation, stage: 1, ...overrides })
    .returning();
  return row!;
}
