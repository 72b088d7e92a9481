import { describe, expect, it } from "vitest";
import { bulkImportFailures, bulkImportTrackers, getDb } from "@/lib/db";
import { makeUser } from "@/test/helpers/factories";
import { at, makeEntity, makeImport, viewer } from "./_test/rows";
import { listEntityFailures } from "./failures";

describe("listEntityFailures", () => {
  it("pages an entity's failures oldest first, for its owner and administrators only", async () => {
    const [owner, stranger, admin] = await Promise.all([makeUser(), makeUser(), makeUser({ admin: true })]);
    const entity = await makeEntity((await makeImport(owner.id)).id, { sourceFullPath: "acme/failing" });
    await getDb()
      .insert(bulkImportFailures)
      .values(
        Array.from({ length: 23 }, (_, i) => ({
          entityId: entity.id,
          relation: i % 2 ? "labels" : "epics",
          pipelineClass: "Pipeline",
          pipelineStep: "loader",
          exceptionClass: "ActiveRecord::RecordInvalid",
          exceptionMessage: `bad record ${i}`,
          correlationIdValue: `corr-${i}`,
          sourceUrl: `https://gitlab.example.com/groups/acme/failing/-/epics/${i}`,
          sourceTitle: `Record ${i}`,
          createdAt: at(i),
        })),
      );
    const first = await listEntityFailures(viewer(owner), entity.id, { page: 1, perPage: 20 });
    expect(first?.entity).toMatchObject({ id: entity.id, sourceFullPath: "acme/failing", hasFailures: true, failuresCount: 23 });
    expect(first?.failures).toMatchObject({ total: 23, totalPages: 2 });
    expect(first?.failures.rows[0]).toMatchObject({ relation: "epics", label: "Epic", exceptionMessage: "bad record 0", correlationId: "corr-0", sourceTitle: "Record 0" });
    const second = await listEntityFailures(viewer(owner), entity.id, { page: 2, perPage: 20 });
    expect(second?.failures.rows.map((r) => r.exceptionMessage)).toEqual(["bad record 20", "bad record 21", "bad record 22"]);
    expect(await listEntityFailures(viewer(stranger), entity.id)).toBeUndefined();
    expect((await listEntityFailures(viewer(admin), entity.id))?.failures.total).toBe(23);
    expect(await listEntityFailures(viewer(owner), 2_000_000_000)).toBeUndefined();
    // A relation's failures alone: where a mismatch on the history page leads.
    const labels = await listEntityFailures(viewer(owner), entity.id, { relation: "labels", perPage: 5 });
    expect(labels?.failures).toMatchObject({ total: 11, totalPages: 3 });
    expect(labels?.failures.rows.every((r) => r.relation === "labels")).toBe(true);
  });

  it("says how many bad records past the cap were counted and not stored, in all or for one relation", async () => {
    const owner = await makeUser();
    const entity = await makeEntity((await makeImport(owner.id)).id, { sourceFullPath: "acme/flood" });
    await getDb()
      .insert(bulkImportTrackers)
      .values([
        { entityId: entity.id, relation: "labels", stage: 1, status: -1, omittedFailuresCount: 499_900 },
        { entityId: entity.id, relation: "milestones", stage: 1, status: 2, omittedFailuresCount: 7 },
      ]);
    expect((await listEntityFailures(viewer(owner), entity.id))?.omitted).toBe(499_907);
    expect((await listEntityFailures(viewer(owner), entity.id, { relation: "labels" }))?.omitted).toBe(499_900);
    expect((await listEntityFailures(viewer(owner), entity.id, { relation: "badges" }))?.omitted).toBe(0);
  });
});
