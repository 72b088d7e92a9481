import fs from "node:fs";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkImportEntities, bulkImports, getDb, iterationCadences, iterations } from "@/lib/db";
import { createGroup, iterationStateOn, todayUtc } from "@/lib/groups";
import { makeUser, unique } from "@/test/helpers/factories";
import { importGroupAlone } from "@/test/helpers/imports";
import { runImportWorker } from "@/test/helpers/import-worker";
import { fromFile, fromRecords, ndjsonRecords, ROUTES, startTestSource, type TestSource } from "@/test/source";
import { STATUS, TRACKER_STATUS } from "../../index";
import { pipelinesFor } from "../index";
import { iterationsCadencesPipeline } from "./iterations-cadences";
import type { EntityContext } from "../support/types";

runImportWorker("pgboss_iterations_test");

const ROOT = 4351;
const CADENCES = "test/fixtures/ferry/iterations_cadences.ndjson";
const REST = "test/fixtures/ferry/iterations.rest.json";
type Record_ = Record<string, unknown> & { title: string; iterations: Record<string, unknown>[] };
const cadenceRecords = ndjsonRecords<Record_>(CADENCES);

const cadencesOf = (groupId: number) => getDb().select().from(iterationCadences).where(eq(iterationCadences.groupId, groupId)).orderBy(asc(iterationCadences.id));
const iterationsOf = (cadenceId: number) => getDb().select().from(iterations).where(eq(iterations.cadenceId, cadenceId)).orderBy(asc(iterations.startDate));

describe("iteration pipelines", () => {
  let source: TestSource;
  afterAll(async () => {
    await source?.close();
  });

  describe("from an EE source from 15.4: iterations_cadences", () => {
    beforeAll(async () => {
      source = await startTestSource({ version: "17.8.0-ee", batchSize: 2, exportDelayMs: 20 });
      source.setRelation(ROOT, "iterations_cadences", fromFile(CADENCES));
    });

    it("imports every cadence with its iterations: GitLab's fields, sequence by start date, state from the dates", async () => {
      const { bulkImport, root, result } = await importGroupAlone(source, ROOT, "iterations");
      expect(bulkImport.status).toBe(STATUS.finished);
      expect(bulkImport.hasFailures).toBe(false);
      expect(root.trackers.get("iterations_cadences")).toMatchObject({ status: TRACKER_STATUS.finished, batched: true, sourceObjectsCount: 3, fetchedObjectsCount: 3, importedObjectsCount: 3 });
      expect(root.trackers.has("iterations")).toBe(false);
      for (const [path, entry] of result) if (path !== source.group(ROOT).path) expect(entry.trackers.get("iterations_cadences")).toMatchObject({ status: TRACKER_STATUS.finished, importedObjectsCount: 0 });

      const today = todayUtc();
      const cadences = await cadencesOf(root.group!.id);
      expect(cadences.map((c) => c.title).sort()).toEqual(cadenceRecords.map((r) => r.title).sort());
      for (const record of cadenceRecords) {
        const cadence = cadences.find((c) => c.title === record.title)!;
        expect(cadence).toMatchObject({
          description: record.description,
          startDate: record.start_date,
          active: record.active,
          rollOver: record.roll_over,
          // GitLab's RelationFactory: an imported cadence never schedules iterations by itself.
          automatic: false,
          createdAt: new Date(record.created_at as string),
          importEntityId: root.entity.id,
        });
        expect(cadence.sourceAttributes).toEqual({ group_id: ROOT });
        const rows = await iterationsOf(cadence.id);
        const expected = [...record.iterations].sort((a, b) => String(a.start_date).localeCompare(String(b.start_date)));
        expect(rows.map((r) => [r.iid, r.sequence, r.startDate, r.dueDate, r.title, r.description, r.state, r.groupId])).toEqual(
          expected.map((e, i) => [e.iid, i + 1, e.start_date, e.due_date, null, e.description, iterationStateOn(e.start_date as string, e.due_date as string, today), root.group!.id]),
        );
        expect(rows.every((r) => r.importKey === `${cadence.importKey}/iid:${r.iid}` && r.sourceAttributes.group_id === ROOT)).toBe(true);
        expect(rows[0]!.createdAt).toEqual(new Date(expected[0]!.created_at as string));
      }

      // A replayed batch (jobs run at least once) inserts nothing twice, and its iterations stay in their cadence.
      const entity = { portable: "group", entityId: root.entity.id, groupId: root.group!.id } as EntityContext;
      const replay = cadences.map((c) => iterationsCadencesPipeline.transform(cadenceRecords.find((r) => r.title === c.title)!, entity, c.importKey!));
      await getDb().transaction((tx) => iterationsCadencesPipeline.load(tx, replay, entity));
      expect(await cadencesOf(root.group!.id)).toHaveLength(3);
      const counts = await Promise.all(cadences.map(async (c) => (await iterationsOf(c.id)).length));
      expect(counts.sort()).toEqual(cadenceRecords.map((r) => r.iterations.length).sort());
    });
  });

  describe("from an EE source up to 15.3: iterations over REST", () => {
    beforeAll(async () => {
      await source?.close();
      source = await startTestSource({ version: "15.3.2-ee", exportDelayMs: 20 });
      source.setRelation(ROOT, "iterations", fromRecords(JSON.parse(fs.readFileSync(REST, "utf8")) as unknown[]));
    });

    it("puts the group's own iterations, titles kept, in one cadence named after the group, as GitLab did", async () => {
      const rest = JSON.parse(fs.readFileSync(REST, "utf8")) as { iid: number; title: string | null; description: string | null; start_date: string; due_date: string }[];
      const { bulkImport, root } = await importGroupAlone(source, ROOT, "iterations");
      expect(bulkImport.status).toBe(STATUS.finished);
      expect(bulkImport.hasFailures).toBe(false);
      expect(root.trackers.get("iterations")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: 4, fetchedObjectsCount: 4, importedObjectsCount: 4 });
      expect(root.trackers.has("iterations_cadences")).toBe(false);
      const asked = source.requests.filter((r) => r.route === ROUTES.iterations);
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.every((r) => r.query.include_ancestors === "false")).toBe(true);

      const [cadence, ...others] = await cadencesOf(root.group!.id);
      expect(others).toEqual([]);
      expect(cadence).toMatchObject({ title: `${root.group!.name} Iterations`, startDate: "2022-05-02", active: true, automatic: false, importKey: "default-cadence" });
      const rows = await iterationsOf(cadence!.id);
      expect(rows.map((r) => [r.iid, r.sequence, r.title, r.description, r.startDate, r.dueDate, r.state])).toEqual(
        rest.map((r, i) => [r.iid, i + 1, r.title, r.description, r.start_date, r.due_date, "closed"]),
      );
    });
  });

  it("run only for EE sources, split at 15.4 the way GitLab compares versions (without the patch level)", () => {
    const relations = (sourceVersion: string, sourceEnterprise: boolean) =>
      pipelinesFor({ portable: "group", sourceVersion, sourceEnterprise, migrateProjects: false, migrateMemberships: false } as EntityContext).map((p) => p.relation);
    expect(relations("15.3.0-ee", true)).toContain("iterations");
    expect(relations("15.3.9-ee", true)).toContain("iterations");
    expect(relations("15.3.9-ee", true)).not.toContain("iterations_cadences");
    expect(relations("15.4.0-ee", true)).toContain("iterations_cadences");
    expect(relations("15.4.0-ee", true)).not.toContain("iterations");
    expect(relations("17.8.0", false)).not.toContain("iterations_cadences");
    expect(relations("15.2.0", false)).not.toContain("iterations");
  });

  it("refuses a cadence whose iterations are not GitLab-valid, naming the iteration; an iid taken in the group fails its record", async () => {
    const user = await makeUser();
    const group = await createGroup(user, { name: "Refusals", path: unique("refusals") });
    const [bulkImport] = await getDb().insert(bulkImports).values({ userId: user.id, sourceUrl: "https://src.example.com", sourceVersion: "17.8.0-ee", tokenCiphertext: "x" }).returning();
    const [row_] = await getDb()
      .insert(bulkImportEntities)
      .values({ bulkImportId: bulkImport!.id, sourceType: "group_entity", sourceFullPath: "src", destinationSlug: group.path, destinationNamespace: "", namespaceId: group.id })
      .returning();
    const entity = { portable: "group", entityId: row_!.id, groupId: group.id } as EntityContext;
    const cadence = (iterations: unknown, extra: Record<string, unknown> = {}) => ({ title: "C", start_date: "2026-01-05", active: true, roll_over: false, iterations, ...extra });
    const iteration = (iid: number, start: string, due: string) => ({ iid, start_date: start, due_date: due, description: null });
    const transform = (record: Record<string, unknown>, key = "line:0:1") => iterationsCadencesPipeline.transform(record, entity, key);
    expect(() => transform(cadence([], { title: "" }))).toThrow("title can't be blank");
    expect(() => transform(cadence({ iid: 1 }))).toThrow("iterations must be a list");
    expect(() => transform(cadence([iteration(0, "2026-01-05", "2026-01-11")]))).toThrow("iid must be a positive integer");
    expect(() => transform(cadence([iteration(1, "2026-01-05", "2026-01-04")]))).toThrow("iteration 1: due_date must be on or after start_date");
    expect(() => transform(cadence([iteration(1, "2026-01-05", "2026-01-11"), iteration(2, "2026-01-11", "2026-01-18")]))).toThrow("iteration 2: dates overlap iteration 1");
    expect(() => transform(cadence([iteration(1, "2026-01-05", "2026-01-11"), iteration(1, "2026-01-12", "2026-01-18")]))).toThrow(/iid is taken/);
    expect(() => transform(cadence([{ iid: 1, start_date: "soon", due_date: "2026-01-11" }]))).toThrow("start_date is not a valid date");
    expect(() => transform(cadence([iteration(1, "2026-01-05", "2026-01-11")], { active: "yes" }))).toThrow("active must be true or false");

    // Iterations arrive out of order: numbered by start date. A blank title is no title.
    const row = transform(cadence([iteration(7, "2026-01-12", "2026-01-18"), { ...iteration(3, "2026-01-05", "2026-01-11"), title: "" }]));
    expect(row.iterations.map((i) => [i.iid, i.sequence, i.title])).toEqual([[3, 1, null], [7, 2, null]]);
    await getDb().transaction((tx) => iterationsCadencesPipeline.load(tx, [row], entity));
    const clash = transform(cadence([iteration(7, "2027-01-04", "2027-01-10")], { title: "Other" }), "line:0:2");
    await expect(getDb().transaction((tx) => iterationsCadencesPipeline.load(tx, [clash], entity))).rejects.toThrow();
    const cadences = await cadencesOf(group.id);
    expect(cadences.map((c) => c.title)).toEqual(["C"]);
  });
});
