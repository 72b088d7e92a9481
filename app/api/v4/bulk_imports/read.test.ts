import { afterAll, describe, expect, it } from "vitest";
import { createGroup } from "@/lib/groups";
import { STATUS, TRACKER_STATUS } from "@/lib/migration";
import { call, tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { GET as getImport } from "./[import_id]/route";
import { GET as getEntity } from "./[import_id]/entities/[entity_id]/route";
import { GET as listFailures } from "./[import_id]/entities/[entity_id]/failures/route";
import { GET as listImportEntities } from "./[import_id]/entities/route";
import { GET as listAllEntities } from "./entities/route";
import { GET as listImports } from "./route";
import { BULK_IMPORT_KEYS, demoteAdmins, docExample, ENTITY_KEYS, expectLikeExample, exposedKeys, FAILURE_KEYS, makeAdmin, seedImport, type SeedEntity } from "./_test/support";

afterAll(demoteAdmins);

type Json = Record<string, unknown>;
const PAGE_HEADERS = ["x-total", "x-total-pages", "x-page", "x-per-page", "x-next-page", "x-prev-page"];
const pageHeaders = (headers: Headers) => Object.fromEntries(PAGE_HEADERS.map((h) => [h, headers.get(h)]));
const ids = (body: unknown) => (body as Json[]).map((row) => row.id);

/** A finished group with labels and milestones counted, one failure, and pipelines that stats leave out. */
const richEntity = async (owner: { id: number; isAdmin: boolean }): Promise<SeedEntity> => ({
  status: STATUS.finished,
  group: await createGroup(owner, { name: "Imported", path: unique("imported") }),
  failures: [{ relation: "labels", exceptionMessage: "Title has already been taken", sourceUrl: "https://gitlab.example.com/groups/g/-/labels", sourceTitle: "bug" }],
  trackers: [
    { relation: "group", source: 1, fetched: 1, imported: 1 },
    // From the relation export, but skipped (e.g. too old a source): left out even with a count.
    { relation: "self", status: TRACKER_STATUS.skipped, source: 1 },
    { relation: "labels", source: 10, fetched: 10, imported: 9 },
    { relation: "milestones", source: 4, fetched: 4, imported: 4 },
    { relation: "project_entities", status: TRACKER_STATUS.skipped, source: 3 },
    { relation: "subgroups", source: 2, fetched: 2, imported: 2 },
  ],
});

describe("GitLab's entities, field by field", () => {
  it("expose every field of GitLab's entity classes and documented examples", () => {
    for (const key of exposedKeys("entity.rb")) expect(ENTITY_KEYS).toContain(key);
    for (const key of exposedKeys("entity_failure.rb")) expect(FAILURE_KEYS).toContain(key);
    for (const key of Object.keys(docExample("POST /bulk_imports (response)"))) expect(BULK_IMPORT_KEYS).toContain(key);
    for (const key of Object.keys((docExample("GET /bulk_imports/entities") as Json[])[0]!)) expect(ENTITY_KEYS).toContain(key);
    for (const key of Object.keys(((docExample("GET /bulk_imports/:id/entities/:entity_id") as Json).failures as Json[])[0]!)) expect(FAILURE_KEYS).toContain(key);
  });
});

describe("GET /api/v4/bulk_imports and /:import_id", () => {
  it("lists the caller's imports newest first with GitLab's fields and pagination headers, sorts and filters by status", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id);
    const base = Date.now() - 60_000;
    const finished = await seedImport(user.id, { status: STATUS.finished, createdAt: new Date(base) });
    const started = await seedImport(user.id, { status: STATUS.started, createdAt: new Date(base + 1000) });
    const failed = await seedImport(user.id, { status: STATUS.failed, hasFailures: true, createdAt: new Date(base + 2000) });

    const page1 = await call(listImports, "/api/v4/bulk_imports?per_page=2&page=1", { token });
    expect(page1.status).toBe(200);
    expect(ids(page1.body)).toEqual([failed.id, started.id]);
    for (const row of page1.body as Json[]) {
      expectLikeExample(row, (docExample("GET /bulk_imports") as Json[])[0]);
      expect(Object.keys(row).sort()).toEqual([...BULK_IMPORT_KEYS].sort());
    }
    expect(pageHeaders(page1.headers)).toEqual({ "x-total": "3", "x-total-pages": "2", "x-page": "1", "x-per-page": "2", "x-next-page": "2", "x-prev-page": "" });
    expect(page1.headers.get("link")).toContain('rel="next"');
    const page2 = await call(listImports, "/api/v4/bulk_imports?per_page=2&page=2", { token });
    expect(ids(page2.body)).toEqual([finished.id]);
    expect(pageHeaders(page2.headers)).toMatchObject({ "x-page": "2", "x-next-page": "", "x-prev-page": "1" });

    expect(ids((await call(listImports, "/api/v4/bulk_imports?sort=asc", { token })).body)).toEqual([finished.id, started.id, failed.id]);
    const byStatus = await call(listImports, "/api/v4/bulk_imports?status=started", { token });
    expect(ids(byStatus.body)).toEqual([started.id]);
    expect(byStatus.headers.get("x-total")).toBe("1");
    expect((await call(listImports, "/api/v4/bulk_imports?status=failed", { token })).body).toEqual([expect.objectContaining({ id: failed.id, status: "failed", has_failures: true })]);
    expect(ids((await call(listImports, "/api/v4/bulk_imports?status=canceled", { token })).body)).toEqual([]);
  });

  it("answers 400 for an unknown status or sort, or a page that is not a number", async () => {
    const token = await tokenFor((await makeUser()).id);
    expect(await call(listImports, "/api/v4/bulk_imports?status=done", { token })).toMatchObject({ status: 400, body: { error: "status does not have a valid value" } });
    expect(await call(listImports, "/api/v4/bulk_imports?sort=up&page=x", { token })).toMatchObject({ status: 400, body: { error: "page is invalid, sort does not have a valid value" } });
    expect(await call(listAllEntities, "/api/v4/bulk_imports/entities?status=complete", { token })).toMatchObject({ status: 400 });
    expect(await call(getImport, "/api/v4/bulk_imports/abc", { token, params: { import_id: "abc" } })).toMatchObject({ status: 400, body: { error: "import_id is invalid" } });
  });

  it("shows one import; another user's, or one that does not exist, is a 404; an administrator sees every import", async () => {
    const [owner, stranger, admin] = await Promise.all([makeUser(), makeUser(), makeAdmin()]);
    const seeded = await seedImport(owner.id, { status: STATUS.started });
    const path = `/api/v4/bulk_imports/${seeded.id}`;
    const own = await call(getImport, path, { token: await tokenFor(owner.id), params: { import_id: String(seeded.id) } });
    expect(own.status).toBe(200);
    expectLikeExample(own.body, docExample("GET /bulk_imports/:id"));
    expect(own.body).toMatchObject({ id: seeded.id, status: "started", source_type: "gitlab", source_url: "https://gitlab.example.com", has_failures: false });

    const strangerToken = await tokenFor(stranger.id);
    expect(await call(getImport, path, { token: strangerToken, params: { import_id: String(seeded.id) } })).toMatchObject({ status: 404, body: { message: "404 Not found" } });
    expect(ids((await call(listImports, "/api/v4/bulk_imports", { token: strangerToken })).body)).toEqual([]);
    expect((await call(getImport, "/api/v4/bulk_imports/2147483647", { token: strangerToken, params: { import_id: "2147483647" } })).status).toBe(404);
    expect((await call(getImport, "/api/v4/bulk_imports/99999999999", { token: strangerToken, params: { import_id: "99999999999" } })).status).toBe(404);

    const adminToken = await tokenFor(admin.id);
    expect((await call(getImport, path, { token: adminToken, params: { import_id: String(seeded.id) } })).status).toBe(200);
    expect(ids((await call(listImports, "/api/v4/bulk_imports?per_page=100", { token: adminToken })).body)).toContain(seeded.id);
  });
});

describe("GET /api/v4/bulk_imports/entities, /:import_id/entities and /:import_id/entities/:entity_id", () => {
  it("answers GitLab's entity with failures and stats from the trackers' counts", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id);
    const rich = await richEntity(user);
    const group = rich.group!;
    const seeded = await seedImport(user.id, { status: STATUS.finished, hasFailures: true, entities: [rich] });
    const entityId = seeded.entityIds[0]!;
    const res = await call(getEntity, `/api/v4/bulk_imports/${seeded.id}/entities/${entityId}`, { token, params: { import_id: String(seeded.id), entity_id: String(entityId) } });
    expect(res.status).toBe(200);
    const body = res.body as Json;
    expectLikeExample(body, docExample("GET /bulk_imports/:id/entities/:entity_id"));
    expect(Object.keys(body).sort()).toEqual([...ENTITY_KEYS].sort());
    expect(body).toMatchObject({
      id: entityId,
      bulk_import_id: seeded.id,
      status: "finished",
      entity_type: "group",
      source_full_path: "source-group-0",
      destination_full_path: group.fullPath,
      destination_name: group.path,
      destination_slug: group.path,
      destination_namespace: "",
      parent_id: null,
      namespace_id: group.id,
      project_id: null,
      migrate_projects: true,
      migrate_memberships: true,
      has_failures: true,
    });
    // Relations from the export only (GitLab's file-extraction pipelines); skipped ones left out.
    expect(body.stats).toEqual({ labels: { source: 10, fetched: 10, imported: 9 }, milestones: { source: 4, fetched: 4, imported: 4 } });
    const failures = body.failures as Json[];
    expect(failures).toHaveLength(1);
    expect(Object.keys(failures[0]!).sort()).toEqual([...FAILURE_KEYS].sort());
    expect(failures[0]).toMatchObject({ relation: "labels", step: "loader", pipeline_step: "loader", exception_class: "RecordInvalid", exception_message: "Title has already been taken", source_title: "bug" });
  });

  it("lists the entities of one import or of all the caller's imports, filtered by status, with pagination headers", async () => {
    const [user, stranger] = await Promise.all([makeUser(), makeUser()]);
    const token = await tokenFor(user.id);
    const first = await seedImport(user.id, { status: STATUS.finished, entities: [await richEntity(user), { status: STATUS.failed, failures: [{}] }] });
    const second = await seedImport(user.id, { status: STATUS.started, entities: [{ status: STATUS.started }] });
    const theirs = await seedImport(stranger.id, { status: STATUS.started });

    const ofFirst = await call(listImportEntities, `/api/v4/bulk_imports/${first.id}/entities?sort=asc`, { token, params: { import_id: String(first.id) } });
    expect(ofFirst.status).toBe(200);
    expect(ids(ofFirst.body)).toEqual(first.entityIds);
    expect(ofFirst.headers.get("x-total")).toBe("2");
    expectLikeExample((ofFirst.body as Json[])[0], (docExample("GET /bulk_imports/:id/entities") as Json[])[0]);
    const failed = await call(listImportEntities, `/api/v4/bulk_imports/${first.id}/entities?status=failed`, { token, params: { import_id: String(first.id) } });
    expect(failed.body).toEqual([expect.objectContaining({ id: first.entityIds[1], status: "failed", has_failures: true, stats: {}, namespace_id: null, destination_full_path: null })]);
    expectLikeExample((failed.body as Json[])[0], (docExample("GET /bulk_imports/entities") as Json[])[1]);

    const all = await call(listAllEntities, "/api/v4/bulk_imports/entities?per_page=2", { token });
    expect(ids(all.body)).toEqual([second.entityIds[0], first.entityIds[1]]);
    expect(pageHeaders(all.headers)).toMatchObject({ "x-total": "3", "x-total-pages": "2", "x-next-page": "2" });
    expect(ids((await call(listAllEntities, "/api/v4/bulk_imports/entities?status=started", { token })).body)).toEqual(second.entityIds);

    // Isolation: nothing of another user's, by list or by id.
    expect(ids((await call(listAllEntities, "/api/v4/bulk_imports/entities?per_page=100", { token })).body)).not.toContain(theirs.entityIds[0]);
    expect((await call(listImportEntities, `/api/v4/bulk_imports/${theirs.id}/entities`, { token, params: { import_id: String(theirs.id) } })).status).toBe(404);
    const theirEntity = { import_id: String(theirs.id), entity_id: String(theirs.entityIds[0]) };
    expect((await call(getEntity, "/api/v4/bulk_imports/x/entities/y", { token, params: theirEntity })).status).toBe(404);
    // An entity under the wrong import is not found either.
    expect((await call(getEntity, "/api/v4/bulk_imports/x/entities/y", { token, params: { import_id: String(second.id), entity_id: String(first.entityIds[0]) } })).status).toBe(404);
    const admin = await tokenFor((await makeAdmin()).id);
    expect((await call(getEntity, "/api/v4/bulk_imports/x/entities/y", { token: admin, params: theirEntity })).status).toBe(200);
  });
});

describe("GET /api/v4/bulk_imports/:import_id/entities/:entity_id/failures", () => {
  it("pages through every failure with GitLab's fields, the message cut to 72 characters and paths filtered", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id);
    const long = "Validation failed: Title is much too long for this label and cannot be saved here";
    const seeded = await seedImport(user.id, {
      entities: [
        {
          failures: [
            { relation: "labels", exceptionMessage: long, sourceUrl: "https://gitlab.example.com/groups/g/-/labels/1", sourceTitle: "bug" },
            { relation: "milestones", subrelation: "events", exceptionMessage: "No such file /var/lib/ferry/tmp/x.ndjson here" },
            { relation: "labels", exceptionMessage: "third" },
          ],
        },
      ],
    });
    const params = { import_id: String(seeded.id), entity_id: String(seeded.entityIds[0]) };
    const res = await call(listFailures, "/api/v4/bulk_imports/1/entities/1/failures?per_page=2", { token, params });
    expect(res.status).toBe(200);
    const [first, second] = res.body as Json[];
    expectLikeExample(first, docExample("GET /bulk_imports/:id/entities/:entity_id/failures (GitLab 16.6+)"));
    expect(Object.keys(first!).sort()).toEqual([...FAILURE_KEYS].sort());
    expect(first!.exception_message).toBe(`${long.slice(0, 69)}...`);
    expect((first!.exception_message as string).length).toBe(72);
    expect(first).toMatchObject({ relation: "labels", source_url: "https://gitlab.example.com/groups/g/-/labels/1", source_title: "bug", correlation_id_value: "dfcf583058ed4508e4c7c617bd7f0edd" });
    expect(second).toMatchObject({ relation: "milestones, events", exception_message: "No such file [FILTERED] here", source_url: null });
    expect(pageHeaders(res.headers)).toMatchObject({ "x-total": "3", "x-total-pages": "2", "x-next-page": "2" });
    const page2 = await call(listFailures, "/api/v4/bulk_imports/1/entities/1/failures?per_page=2&page=2", { token, params });
    expect(page2.body).toEqual([expect.objectContaining({ exception_message: "third" })]);

    const stranger = await tokenFor((await makeUser()).id);
    expect(await call(listFailures, "/x", { token: stranger, params })).toMatchObject({ status: 404, body: { message: "404 Not found" } });
    expect(await call(listFailures, "/x", { token, params: { ...params, entity_id: "nope" } })).toMatchObject({ status: 400, body: { error: "entity_id is invalid" } });
  });
});
