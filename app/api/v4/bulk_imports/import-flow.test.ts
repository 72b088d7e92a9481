import { eq } from "drizzle-orm";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { bulkImportEntities, bulkImportTrackers, getDb } from "@/lib/db";
import { IMPORT_EVENTS_CHANNEL, latestImports, listImportHistory, startImports } from "@/lib/migration";
import { pipelineFor } from "@/lib/migration/pipelines";
import { call, tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { sourceCount, waitForImports } from "@/test/helpers/imports";
import { runImportWorker } from "@/test/helpers/import-worker";
import { DEFAULT_TOKEN, startTestSource, type TestSource } from "@/test/source";
import { POST as cancelImport } from "./[import_id]/cancel/route";
import { GET as listFailures } from "./[import_id]/entities/[entity_id]/failures/route";
import { GET as listImportEntities } from "./[import_id]/entities/route";
import { GET as getImport } from "./[import_id]/route";
import { docExample, expectLikeExample } from "./_test/support";
import { GET as listImports, POST as createImport } from "./route";

runImportWorker("pgboss_bulk_api_flow_test");


const ROOT = 4351;
const SUBGROUPS = [4352, 4353];
type Json = Record<string, unknown>;

async function postImport(source: TestSource, token: string, slug: string) {
  const res = await call(createImport, "/api/v4/bulk_imports", {
    token,
    method: "POST",
    body: {
      configuration: { url: source.url, access_token: DEFAULT_TOKEN },
      entities: [{ source_type: "group_entity", source_full_path: source.group(ROOT).path, destination_slug: slug, destination_namespace: "" }],
    },
  });
  expect(res.status).toBe(201);
  return (res.body as { id: number }).id;
}

const entitiesOf = async (token: string, id: number) => (await call(listImportEntities, `/x?sort=asc`, { token, params: { import_id: String(id) } })).body as Json[];

describe("an import started through the API, run by a worker", () => {
  it("finishes with every group, GitLab's fields, and stats equal to the source's counts", async () => {
    const source = await startTestSource({ version: "17.8.0-ee", batchSize: 3, exportDelayMs: 50 });
    try {
      const user = await makeUser();
      const token = await tokenFor(user.id);
      const slug = unique("api");
      const id = await postImport(source, token, slug);
      await waitForImports([id]);

      const bulkImport = await call(getImport, "/x", { token, params: { import_id: String(id) } });
      expect(bulkImport.body).toMatchObject({ id, status: "finished", has_failures: false, source_url: source.url });
      const entities = await entitiesOf(token, id);
      expect(entities).toHaveLength(3);
      const root = entities.find((e) => e.source_full_path === source.group(ROOT).path)!;
      expect(root).toMatchObject({ status: "finished", parent_id: null, destination_full_path: slug, destination_namespace: "", failures: [], has_failures: false });
      // Each relation's counts are compared below; here the rest of the entity, and the shape of one relation's counts.
      const { stats: exampleStats, ...example } = docExample("GET /bulk_imports/:id/entities/:entity_id") as Json;
      for (const entity of entities) {
        expectLikeExample(entity, example);
        for (const counts of Object.values(entity.stats as Json)) expectLikeExample(counts, (exampleStats as Json).labels);
      }

      for (const groupId of [ROOT, ...SUBGROUPS]) {
        const path = groupId === ROOT ? source.group(ROOT).path : `${source.group(ROOT).path}/${source.group(groupId).path}`;
        const entity = entities.find((e) => e.source_full_path === path)!;
        expect(entity, path).toBeDefined();
        if (groupId !== ROOT) expect(entity).toMatchObject({ parent_id: root.id, destination_full_path: `${slug}/${source.group(groupId).path}`, destination_namespace: slug });
        expect(typeof entity.namespace_id).toBe("number");
        const stats = entity.stats as Record<string, { source: number; fetched: number; imported: number }>;
        for (const relation of ["labels", "milestones"]) {
          const expected = await sourceCount(source, groupId, relation);
          // GitLab leaves out relations with nothing counted (the fixture's top group has no milestones).
          if (expected === 0) expect(stats[relation], `${relation} of ${path}`).toBeUndefined();
          else expect(stats[relation], `${relation} of ${path}`).toEqual({ source: expected, fetched: expected, imported: expected });
        }
        expect(stats.labels, `${path} has labels on the source`).toBeDefined();
        // Only relations that come from the relation export, as GitLab's stats.
        expect(Object.keys(stats).filter((relation) => pipelineFor("group", relation)?.kind !== "ndjson")).toEqual([]);
      }

      // The comparison is frozen on the entity when it ends: later changes to its trackers do not rewrite history.
      const [frozen] = await getDb().select({ stats: bulkImportEntities.stats }).from(bulkImportEntities).where(eq(bulkImportEntities.id, root.id as number));
      expect(frozen!.stats).toEqual(root.stats);
      await getDb().update(bulkImportTrackers).set({ importedObjectsCount: 0 }).where(eq(bulkImportTrackers.entityId, root.id as number));
      expect((await entitiesOf(token, id)).find((e) => e.id === root.id)!.stats).toEqual(root.stats);
    } finally {
      await source.close();
    }
  }, 60_000);

  it("reports a bad record as a failure, through the entity and the failures endpoint", async () => {
    const source = await startTestSource({ version: "17.8.0-ee", batchSize: 100, exportDelayMs: 50 });
    source.faults.malformedLine({ relation: "milestones", groupId: SUBGROUPS[0], line: 2, mode: "replace" });
    try {
      const user = await makeUser();
      const token = await tokenFor(user.id);
      const id = await postImport(source, token, unique("api"));
      await waitForImports([id]);
      expect((await call(getImport, "/x", { token, params: { import_id: String(id) } })).body).toMatchObject({ status: "finished", has_failures: true });
      const entities = await entitiesOf(token, id);
      const child = entities.find((e) => e.source_full_path === `${source.group(ROOT).path}/${source.group(SUBGROUPS[0]!).path}`)!;
      const expected = await sourceCount(source, SUBGROUPS[0]!, "milestones");
      expect(child).toMatchObject({ status: "finished", has_failures: true, stats: { milestones: { source: expected, fetched: expected, imported: expected - 1 } } });
      expect(child.failures).toEqual([expect.objectContaining({ relation: "milestones", step: "extractor", exception_class: "JSON::ParserError" })]);
      expect(entities.filter((e) => e.has_failures).map((e) => e.id)).toEqual([child.id]);
      const failures = await call(listFailures, "/x", { token, params: { import_id: String(id), entity_id: String(child.id) } });
      expect(failures.headers.get("x-total")).toBe("1");
      expect(failures.body).toEqual([expect.objectContaining({ relation: "milestones", pipeline_step: "extractor", exception_class: "JSON::ParserError" })]);
    } finally {
      await source.close();
    }
  }, 60_000);

  it("cancels while it runs", async () => {
    // Exports that never finish keep the import running until it is canceled.
    const source = await startTestSource({ version: "17.8.0-ee", exportDelayMs: 600_000 });
    try {
      const user = await makeUser();
      const token = await tokenFor(user.id);
      const id = await postImport(source, token, unique("api"));
      await expect.poll(async () => ((await call(getImport, "/x", { token, params: { import_id: String(id) } })).body as Json).status, { timeout: 20_000 }).toBe("started");
      const res = await call(cancelImport, "/x", { token, method: "POST", params: { import_id: String(id) } });
      expect(res).toMatchObject({ status: 200, body: { id, status: "canceled" } });
      await new Promise((r) => setTimeout(r, 1500));
      expect((await call(getImport, "/x", { token, params: { import_id: String(id) } })).body).toMatchObject({ status: "canceled" });
      expect((await entitiesOf(token, id)).every((e) => e.status === "canceled")).toBe(true);
    } finally {
      await source.close();
    }
  }, 60_000);
});

describe("the same imports for the page and the API", () => {
  it("an API import is announced live and shows on the importer and history pages; a page import shows in the API", async () => {
    const source = await startTestSource({ version: "17.8.0-ee", exportDelayMs: 50 });
    const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    try {
      const user = await makeUser();
      const token = await tokenFor(user.id);
      const events: { bulkImportId: number; userId: number }[] = [];
      listener.on("notification", (message) => events.push(JSON.parse(message.payload ?? "{}")));
      await listener.query(`LISTEN ${IMPORT_EVENTS_CHANNEL}`);

      const apiId = await postImport(source, token, unique("api"));
      await expect.poll(() => events.some((e) => e.bulkImportId === apiId && e.userId === user.id), { timeout: 5000 }).toBe(true);
      const history = await listImportHistory(user, { perPage: 100 });
      expect(history.rows.some((row) => row.bulkImportId === apiId && row.sourceFullPath === source.group(ROOT).path)).toBe(true);
      const latest = await latestImports(user.id, source.url, [source.group(ROOT).path]);
      expect(latest.get(source.group(ROOT).path)?.bulkImportId).toBe(apiId);
      await waitForImports([apiId]);

      const [pageStarted] = await startImports(user, { url: source.url, token: DEFAULT_TOKEN }, [
        { sourceFullPath: source.group(ROOT).path, destinationSlug: unique("page"), destinationNamespace: "", migrateProjects: true, migrateMemberships: true },
      ]);
      const listed = await call(listImports, "/api/v4/bulk_imports", { token });
      expect((listed.body as Json[]).map((row) => row.id)).toEqual([pageStarted!.bulkImportId, apiId]);
      expect(await entitiesOf(token, pageStarted!.bulkImportId)).toEqual([expect.objectContaining({ id: pageStarted!.entityId, source_full_path: source.group(ROOT).path })]);
      await waitForImports([pageStarted!.bulkImportId]);
    } finally {
      await listener.end();
      await source.close();
    }
  }, 60_000);
});
