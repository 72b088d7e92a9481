import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bulkImportEntities, bulkImports, bulkImportTrackers, getDb } from "@/lib/db";
import { makeUser, unique } from "@/test/helpers/factories";
import { STATUS, timeoutStaleImports, TRACKER_STATUS } from "./index";

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

async function runningImport(userId: number, lastProgress: Date) {
  const [bulkImport] = await getDb()
    .insert(bulkImports)
    .values({ userId, sourceUrl: "https://gitlab.example.com", sourceVersion: "17.8.0", tokenCiphertext: "v1:x:y:z", status: STATUS.started, updatedAt: hoursAgo(48) })
    .returning();
  const [entity] = await getDb()
    .insert(bulkImportEntities)
    .values({ bulkImportId: bulkImport!.id, sourceType: "group_entity", sourceFullPath: unique("g"), destinationSlug: unique("d"), destinationNamespace: "", status: STATUS.started, updatedAt: lastProgress })
    .returning();
  const [tracker] = await getDb().insert(bulkImportTrackers).values({ entityId: entity!.id, relation: "labels", stage: 1, status: TRACKER_STATUS.started }).returning();
  return { bulkImport: bulkImport!, entity: entity!, tracker: tracker! };
}

const status = async (table: typeof bulkImports | typeof bulkImportEntities | typeof bulkImportTrackers, id: number) =>
  (await getDb().select({ status: table.status }).from(table).where(eq(table.id, id)))[0]!.status;

// Test files share one database and run in parallel: the sweep here is scoped to this test's own imports, so that it
// ends no other file's import, and what it counts is only its own work. (Workers that test files start run their
// housekeeping with a timeout no test's import reaches: test/setup/env.ts.)
describe("stale imports", () => {
  it("end as timeout when no entity made progress within the limit, and not while one does", async () => {
    const user = await makeUser();
    const stale = await runningImport(user.id, hoursAgo(30));
    const alive = await runningImport(user.id, hoursAgo(1));
    const ended = await timeoutStaleImports(hoursAgo(24), { bulkImportIds: [stale.bulkImport.id, alive.bulkImport.id] });
    // Exactly the stale import's one entity.
    expect(ended).toBe(1);
    expect(await status(bulkImports, stale.bulkImport.id)).toBe(STATUS.timeout);
    expect(await status(bulkImportEntities, stale.entity.id)).toBe(STATUS.timeout);
    expect(await status(bulkImportTrackers, stale.tracker.id)).toBe(TRACKER_STATUS.timeout);
    expect(await status(bulkImports, alive.bulkImport.id)).toBe(STATUS.started);
    expect(await status(bulkImportEntities, alive.entity.id)).toBe(STATUS.started);
    expect(await status(bulkImportTrackers, alive.tracker.id)).toBe(TRACKER_STATUS.started);

    // Ended imports are not swept again.
    expect(await timeoutStaleImports(hoursAgo(24), { bulkImportIds: [stale.bulkImport.id, alive.bulkImport.id] })).toBe(0);
  });

  it("leaves imports outside the sweep's scope alone", async () => {
    const user = await makeUser();
    const stale = await runningImport(user.id, hoursAgo(30));
    const other = await runningImport(user.id, hoursAgo(30));
    expect(await timeoutStaleImports(hoursAgo(24), { bulkImportIds: [stale.bulkImport.id] })).toBe(1);
    expect(await status(bulkImports, stale.bulkImport.id)).toBe(STATUS.timeout);
    expect(await status(bulkImports, other.bulkImport.id)).toBe(STATUS.started);
    expect(await status(bulkImportEntities, other.entity.id)).toBe(STATUS.started);
    expect(await timeoutStaleImports(hoursAgo(24), { bulkImportIds: [] })).toBe(0);
    expect(await status(bulkImports, other.bulkImport.id)).toBe(STATUS.started);
    // Settled here, so that no sweep elsewhere finds this test's stale import later.
    expect(await timeoutStaleImports(hoursAgo(24), { bulkImportIds: [other.bulkImport.id] })).toBe(1);
  });
});
