import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkImportEntities, bulkImports, getDb } from "@/lib/db";
import { stopBoss } from "@/lib/jobs";
import { createGroup } from "@/lib/groups";
import { call, tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { DEFAULT_TOKEN, startTestSource, type TestSource } from "@/test/source";
import { BULK_IMPORT_KEYS, docExample, expectLikeExample } from "./_test/support";
import { GET as listImports, POST as createImport } from "./route";

// The test source listens on 127.0.0.1 over http; queued jobs go to this file's own queue schema, where no worker runs.
process.env.FERRY_ALLOW_LOCAL_SOURCES = "true";
process.env.FERRY_ALLOW_INSECURE_SOURCES = "true";
process.env.FERRY_QUEUE_SCHEMA = "pgboss_bulk_api_create_test";

let source: TestSource;
beforeAll(async () => {
  source = await startTestSource({ groups: [{ fixture: "complex", path: "complex-a" }, { fixture: "complex", path: "complex-b" }] });
});
afterAll(async () => {
  await source.close();
  await stopBoss();
});

const POST_PATH = "/api/v4/bulk_imports";
const entity = (sourceFullPath: string, extra: Record<string, unknown> = {}) => ({ source_type: "group_entity", source_full_path: sourceFullPath, destination_slug: unique("dest"), destination_namespace: "", ...extra });
const body = (entities: unknown[], config: Record<string, unknown> = {}) => ({ configuration: { url: source.url, access_token: DEFAULT_TOKEN, ...config }, entities });

async function importsOf(userId: number) {
  return getDb().select().from(bulkImports).where(eq(bulkImports.userId, userId));
}

describe("POST /api/v4/bulk_imports", () => {
  it("creates ONE bulk import holding every entity from a JSON body, answering 201 with GitLab's BulkImport", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id);
    const [slugA, slugB] = [unique("a"), unique("b")];
    const res = await call(createImport, POST_PATH, {
      token,
      method: "POST",
      body: body([entity("complex-a", { destination_slug: slugA }), entity("complex-b", { destination_slug: slugB, migrate_projects: false, migrate_memberships: "false" })]),
    });
    expect(res.status).toBe(201);
    expectLikeExample(res.body, docExample("POST /bulk_imports (response)"));
    expect(Object.keys(res.body as object).sort()).toEqual([...BULK_IMPORT_KEYS].sort());
    expect(res.body).toMatchObject({ status: "created", source_type: "gitlab", source_url: source.url, has_failures: false });

    const rows = await importsOf(user.id);
    expect(rows.map((r) => r.id)).toEqual([(res.body as { id: number }).id]);
    const entities = await getDb().select().from(bulkImportEntities).where(eq(bulkImportEntities.bulkImportId, rows[0]!.id));
    expect(entities.map((e) => [e.sourceFullPath, e.destinationSlug, e.destinationNamespace, e.migrateProjects, e.migrateMemberships]).sort()).toEqual([
      ["complex-a", slugA, "", true, true],
      ["complex-b", slugB, "", false, false],
    ]);
    expect(entities.every((e) => e.sourceXid === source.group(e.sourceFullPath).id)).toBe(true);
  });

  it("takes form bodies with indexed and Rack-style entities[][x] keys, the deprecated destination_name, and JSON sent as a form", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id);
    const parent = await createGroup(user, { name: "Parent", path: unique("parent") });
    const [slugA, slugB] = [unique("a"), unique("b")];
    const rack = await call(createImport, POST_PATH, {
      token,
      method: "POST",
      form: {
        "configuration[url]": source.url,
        "configuration[access_token]": DEFAULT_TOKEN,
        "entities[][source_type]": "group_entity",
        "entities[][source_full_path]": "complex-a",
        "entities[][destination_name]": slugA,
        "entities[][destination_namespace]": parent.fullPath,
        "entities[][migrate_projects]": "false",
      },
    });
    expect(rack.status).toBe(201);
    const indexed = new URLSearchParams([
      ["configuration[url]", source.url],
      ["configuration[access_token]", DEFAULT_TOKEN],
      ["entities[0][source_type]", "group_entity"],
      ["entities[0][source_full_path]", "complex-b"],
      ["entities[0][destination_slug]", slugB],
      ["entities[0][destination_namespace]", parent.fullPath],
    ]);
    const indexedRes = await createImport(
      new Request(`http://ferry.test${POST_PATH}`, { method: "POST", headers: { "private-token": token, "content-type": "application/x-www-form-urlencoded" }, body: indexed }),
      { params: Promise.resolve({}) },
    );
    expect(indexedRes.status).toBe(201);
    // GitLab's docs show `curl --data '{...}'` without a content type: curl then says it is a form.
    const curlStyle = await createImport(
      new Request(`http://ferry.test${POST_PATH}`, {
        method: "POST",
        headers: { "private-token": token, "content-type": "application/x-www-form-urlencoded" },
        body: JSON.stringify(body([entity("complex-a", { destination_namespace: parent.fullPath })])),
      }),
      { params: Promise.resolve({}) },
    );
    expect(curlStyle.status).toBe(201);

    const ids = (await importsOf(user.id)).map((r) => r.id);
    expect(ids).toHaveLength(3);
    const entities = await getDb().select().from(bulkImportEntities).where(inArray(bulkImportEntities.bulkImportId, ids));
    expect(entities).toHaveLength(3);
    expect(entities.find((e) => e.destinationSlug === slugA)).toMatchObject({ sourceFullPath: "complex-a", destinationNamespace: parent.fullPath, migrateProjects: false, migrateMemberships: true });
    expect(entities.find((e) => e.destinationSlug === slugB)).toMatchObject({ sourceFullPath: "complex-b", migrateProjects: true });
  });

  it("answers 400 listing every missing or malformed parameter, and creates nothing", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id);
    const post = (payload: unknown) => call(createImport, POST_PATH, { token, method: "POST", body: payload });
    const cases: [unknown, RegExp][] = [
      [{}, /^configuration is missing, configuration\[url\] is missing, configuration\[access_token\] is missing, entities is missing$/],
      [body([]), /^entities is empty$/],
      [body([entity("complex-a")], { url: "" }), /configuration\[url\] is empty/],
      [body([entity("complex-a")], { access_token: "x".repeat(256) }), /configuration\[access_token\] is too long/],
      [body(["complex-a"]), /entities\[0\] is invalid/],
      [body([entity("complex-a", { source_type: "repository" })]), /entities\[0\]\[source_type\] does not have a valid value/],
      [body([{ source_type: "group_entity", destination_slug: "x", destination_namespace: "" }]), /entities\[0\]\[source_full_path\] is missing/],
      [body([entity("https://gitlab.example.com/complex-a")]), /entities\[0\]\[source_full_path\] must be a relative path/],
      [body([entity("complex-a", { destination_name: "y" })]), /entities\[0\]\[destination_slug\], entities\[0\]\[destination_name\] are mutually exclusive/],
      [body([entity("complex-a", { destination_slug: undefined })]), /are missing, at least one parameter must be provided/],
      [body([entity("complex-a", { destination_slug: "bad slug" })]), /entities\[0\]\[destination_slug\] can contain only letters/],
      [body([entity("complex-a", { destination_namespace: undefined })]), /entities\[0\]\[destination_namespace\] is missing/],
      [body([entity("complex-a", { destination_namespace: "/lead/slash" })]), /entities\[0\]\[destination_namespace\] must be a relative path/],
      [body([entity("complex-a", { migrate_projects: "maybe" })]), /entities\[0\]\[migrate_projects\] is invalid/],
      [body([entity("complex-a"), entity("complex-b", { source_type: undefined })]), /^entities\[1\]\[source_type\] is missing$/],
    ];
    for (const [payload, message] of cases) {
      const res = await post(payload);
      expect(res.status, JSON.stringify(payload)).toBe(400);
      expect((res.body as { error: string }).error).toMatch(message);
    }
    const malformed = await createImport(
      new Request(`http://ferry.test${POST_PATH}`, { method: "POST", headers: { "private-token": token, "content-type": "application/json" }, body: "{not json" }),
      { params: Promise.resolve({}) },
    );
    expect(malformed.status).toBe(400);
    expect(await importsOf(user.id)).toEqual([]);
  });

  it("answers 401 without a valid token and 403 to a read_api token, which may still list", async () => {
    expect(await call(createImport, POST_PATH, { method: "POST", body: body([entity("complex-a")]) })).toMatchObject({ status: 401, body: { message: "401 Unauthorized" } });
    expect(await call(listImports, POST_PATH)).toMatchObject({ status: 401 });
    const user = await makeUser();
    const readOnly = await tokenFor(user.id, ["read_api"]);
    expect(await call(createImport, POST_PATH, { token: readOnly, method: "POST", body: body([entity("complex-a")]) })).toMatchObject({ status: 403, body: { error: "insufficient_scope" } });
    expect((await call(listImports, POST_PATH, { token: readOnly })).status).toBe(200);
  });

  it("answers 422 with a message for a source or destination the checks refuse, and creates nothing", async () => {
    const [user, stranger] = await Promise.all([makeUser(), makeUser()]);
    const token = await tokenFor(user.id);
    const theirs = await createGroup(stranger, { name: "Theirs", path: unique("theirs") });
    const mine = await createGroup(user, { name: "Mine", path: unique("mine") });
    const post = (payload: unknown) => call(createImport, POST_PATH, { token, method: "POST", body: payload });
    const cases: [unknown, RegExp][] = [
      [body([entity("no-such-group")]), /Source group no-such-group was not found/],
      [body([entity("complex-a")], { access_token: "glpat-wrong-token" }), /token|credentials|unauthori/i],
      [body([entity("complex-a", { destination_namespace: unique("nowhere") })]), /Destination group .* was not found/],
      [body([entity("complex-a", { destination_namespace: theirs.fullPath })]), /Destination group .* was not found|permission/],
      [body([entity("complex-a", { destination_slug: mine.path })]), /already been taken/],
      [body([entity("complex-a", { destination_slug: "admin" })]), /reserved name/],
      [body([entity("complex-a", { destination_slug: "same" }), entity("complex-b", { destination_slug: "SAME" })]), /^entities\[1\]: Name already used as a target/],
      [body([entity("complex-a"), entity("complex-a/4352-path")]), /is a subgroup of complex-a, which this import already migrates/],
      [body([entity("complex-a"), entity("Complex-A")]), /^entities\[1\]: Complex-A is listed twice/],
      [body([entity("complex-a/some-project", { source_type: "project_entity" })]), /^A project is imported into a group/],
      [body([entity("complex-a/no-such-project", { source_type: "project_entity", destination_namespace: mine.fullPath })]), /^Source project complex-a\/no-such-project was not found/],
      [body([entity("complex-a/some-project", { source_type: "project_entity", destination_namespace: theirs.fullPath })]), /Destination group .* was not found|permission to create projects/],
    ];
    for (const [payload, message] of cases) {
      const res = await post(payload);
      expect(res.status, JSON.stringify(payload)).toBe(422);
      expect((res.body as { message: string }).message).toMatch(message);
    }
    source.config.directTransferEnabled = false;
    try {
      const disabled = await post(body([entity("complex-a")]));
      expect(disabled).toMatchObject({ status: 422, body: { message: expect.stringMatching(/direct transfer is disabled/) } });
    } finally {
      source.config.directTransferEnabled = true;
    }
    expect(await importsOf(user.id)).toEqual([]);
  });

  it("answers 429 past six starts a minute, each API call counting once whatever its entities", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id);
    for (let i = 0; i < 6; i++) {
      const res = await call(createImport, POST_PATH, { token, method: "POST", body: body([entity("complex-a"), entity("complex-b")]) });
      expect(res.status, `start ${i + 1}`).toBe(201);
    }
    const limited = await call(createImport, POST_PATH, { token, method: "POST", body: body([entity("complex-a")]) });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect((await importsOf(user.id)).length).toBe(6);
    // Another user is not limited by this one.
    const other = await makeUser();
    expect((await call(createImport, POST_PATH, { token: await tokenFor(other.id), method: "POST", body: body([entity("complex-a")]) })).status).toBe(201);
  });
});
