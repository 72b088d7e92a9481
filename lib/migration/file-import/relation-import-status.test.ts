import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bulkImportEntities, bulkImports, getDb, relationImportTrackers } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { createProject } from "@/lib/projects";
import { makeUser, unique } from "@/test/helpers/factories";
import { cancelBulkImport, timeoutStaleImports } from "../engine/cancel";
import { processImport } from "../engine/process-import";
import { STATUS } from "../status";
import { FILE_IMPORT_SOURCE_TYPE } from "../engine/context";

/** A relation import's rows as POST /projects/import-relation leaves them: its tracker and the file import it runs as. */
async function relationImport(status: number = STATUS.created) {
  const user = await makeUser();
  const group = await createGroup(user, { name: "Status", path: unique("status") });
  const project = await createProject(user, { name: "P", path: unique("p"), namespaceId: group.id });
  const [bulkImport] = await getDb()
    .insert(bulkImports)
    .values({ userId: user.id, sourceType: FILE_IMPORT_SOURCE_TYPE, sourceUrl: `file:///${unique()}/x.tar.gz`, sourceVersion: "17.5.0", tokenCiphertext: "", status })
    .returning();
  const [tracker] = await getDb().insert(relationImportTrackers).values({ projectId: project.id, userId: user.id, relation: "issues", bulkImportId: bulkImport!.id }).returning();
  const statusOf = async () => (await getDb().select({ status: relationImportTrackers.status }).from(relationImportTrackers).where(eq(relationImportTrackers.id, tracker!.id)))[0]!.status;
  return { user, bulkImport: bulkImport!, statusOf };
}

describe("a relation import's status", () => {
  it("follows the file import it runs as: a canceled one is failed, as GitLab's tracker has no canceled", async () => {
    const run = await relationImport();
    expect(await run.statusOf()).toBe(0);
    expect(await cancelBulkImport(run.user, run.bulkImport.id)).toBe(true);
    expect(await run.statusOf()).toBe(3);
  });

  it("is failed when the stale sweep times its import out", async () => {
    const run = await relationImport(STATUS.started);
    await getDb().update(bulkImports).set({ updatedAt: new Date(Date.now() - 48 * 3_600_000) }).where(eq(bulkImports.id, run.bulkImport.id));
    expect(await timeoutStaleImports(new Date(Date.now() - 24 * 3_600_000), { bulkImportIds: [run.bulkImport.id] })).toBe(0);
    expect(await run.statusOf()).toBe(3);
  });

  it("moves created → started when the workers take its import, and → finished when its entity has ended", async () => {
    const run = await relationImport();
    await processImport(run.bulkImport.id);
    expect(await run.statusOf()).toBe(1);
    await getDb()
      .insert(bulkImportEntities)
      .values({ bulkImportId: run.bulkImport.id, sourceType: "project_entity", sourceFullPath: "a/b", destinationSlug: "b", destinationNamespace: "a", status: STATUS.finished, onlyRelations: ["issues"], skipExistingIids: true });
    await processImport(run.bulkImport.id);
    expect(await run.statusOf()).toBe(2);
  });
});
