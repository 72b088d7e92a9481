import fs from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, groups } from "@/lib/db";
import { SourceClient } from "@/lib/gitlab";
import { sendJson, startServer, type TestServer } from "@/lib/gitlab/test-server";
import { createGroup, readGroupAvatar } from "@/lib/groups";
import { makeUser, unique } from "@/test/helpers/factories";
import { importGroupAlone } from "@/test/helpers/imports";
import { runImportWorker } from "@/test/helpers/import-worker";
import { DEFAULT_TOKEN, ROUTES, startTestSource, type TestSource } from "@/test/source";
import { STATUS, TRACKER_STATUS } from "../../index";
import { groupAvatarPipeline } from "./group-avatar";
import type { EntityContext } from "../support/types";

runImportWorker("pgboss_group_avatar_test");

const PNG = fs.readFileSync("test/fixtures/ferry/group-avatar.png");
const [ROOT, SUB_A, SUB_B] = [4351, 4352, 4353];

describe("group avatar pipeline", () => {
  let source: TestSource;
  beforeAll(async () => {
    source = await startTestSource({ version: "17.8.0-ee", exportDelayMs: 20 });
  });
  afterAll(async () => {
    await source?.close();
  });

  it("downloads the avatar through the source's API; one it cannot take is a failure of that group's avatar only", async () => {
    source.setAvatar(ROOT, "group-avatar.png", PNG);
    source.setAvatar(SUB_A, "huge.png", Buffer.concat([PNG, Buffer.alloc(210 * 1024)]));
    source.setAvatar(SUB_B, "logo.svg", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'));
    const { bulkImport, result, root } = await importGroupAlone(source, ROOT, "avatar");
    expect(bulkImport).toMatchObject({ status: STATUS.finished, hasFailures: true });

    expect(root.trackers.get("avatar")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: 1, importedObjectsCount: 1 });
    expect(root.group!.avatarPath).toBe(`uploads/-/system/group/avatar/${root.group!.id}/group-avatar.png`);
    expect((await readGroupAvatar(root.group!))!.bytes.equals(PNG)).toBe(true);
    const downloads = source.requests.filter((r) => r.route === ROUTES.groupAvatar);
    expect(downloads.every((r) => r.tokenVia === "header")).toBe(true);

    const sub = (id: number) => result.get(`${source.group(ROOT).path}/${source.group(id).path}`)!;
    for (const [id, exceptionClass, message] of [
      [SUB_A, "AvatarTooLarge", /over the limit of 204800 bytes/],
      [SUB_B, "AvatarInvalid", /SVG avatars are not imported/],
    ] as const) {
      const entry = sub(id);
      expect(entry.entity.status).toBe(STATUS.finished);
      expect(entry.trackers.get("avatar")!.status).toBe(TRACKER_STATUS.failed);
      expect(entry.failures).toEqual([expect.objectContaining({ relation: "avatar", pipelineClass: "BulkImports::Groups::Pipelines::GroupAvatarPipeline", exceptionClass, exceptionMessage: expect.stringMatching(message) })]);
      expect(entry.group!.avatarPath).toBeNull();
      expect(entry.trackers.get("labels")!.status).toBe(TRACKER_STATUS.finished);
    }
  });

  it("asks nothing more of a group without an avatar", async () => {
    const user = await makeUser();
    const group = await createGroup(user, { name: "Plain", path: unique("plain") });
    source.clearRequests();
    const entity = { portable: "group", groupId: group.id, sourceXid: 4352 } as EntityContext;
    source.store.get(4352).avatar = undefined;
    source.store.get(4352).attributes.avatar = { url: null };
    const client = new SourceClient({ url: source.url, token: DEFAULT_TOKEN, allowInsecure: true, allowLocal: true });
    try {
      expect(await groupAvatarPipeline.run({ entity, client, db: getDb() })).toEqual({ source: 0, fetched: 0, imported: 0 });
    } finally {
      client.close();
    }
    expect(source.requests.map((r) => r.route)).toEqual([ROUTES.group]);
  });
});

describe("group avatar redirects", () => {
  let storage: TestServer;
  let origin: TestServer;
  beforeAll(async () => {
    storage = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "image/png", "content-length": String(PNG.length) });
      res.end(PNG);
    });
    // The source stands on 127.0.0.2 and sends the download to object storage on another host (127.0.0.1).
    origin = await startServer(
      (req, res) => {
        if (req.url === "/api/v4/groups/7") return sendJson(res, 200, { id: 7, avatar_url: "https://cdn.example.com/uploads/-/system/group/avatar/7/team%20logo.png" });
        res.writeHead(302, { location: `${storage.url}/bucket/avatar?X-Amz-Signature=abc` });
        res.end();
      },
      { host: "127.0.0.2" },
    );
  });
  afterAll(async () => {
    await Promise.all([storage?.close(), origin?.close()]);
  });

  async function run(allowList: string[]) {
    const user = await makeUser();
    const group = await createGroup(user, { name: "Redirected", path: unique("redirected") });
    const client = new SourceClient({ url: origin.url, token: "glpat-secret", allowInsecure: true, allowLocal: false, allowList, maxRetries: 0 });
    try {
      return { group, outcome: await groupAvatarPipeline.run({ entity: { portable: "group", groupId: group.id, sourceXid: 7 } as EntityContext, client, db: getDb() }).catch((error: unknown) => error) };
    } finally {
      client.close();
    }
  }

  it("follows the source's redirect to another host under the URL policy, without the token", async () => {
    const { group, outcome } = await run(["127.0.0.2", "127.0.0.1"]);
    expect(outcome).toEqual({ source: 1, fetched: 1, imported: 1 });
    expect(origin.requests.map((r) => [r.url, r.headers["private-token"]])).toEqual([
      ["/api/v4/groups/7", "glpat-secret"],
      ["/api/v4/groups/7/avatar", "glpat-secret"],
    ]);
    expect(storage.requests.map((r) => [r.url, r.headers["private-token"]])).toEqual([["/bucket/avatar?X-Amz-Signature=abc", undefined]]);
    // Named after avatar_url's file (the download said nothing), made safe.
    const [row] = await getDb().select().from(groups).where(eq(groups.id, group.id));
    expect(row!.avatarPath).toBe(`uploads/-/system/group/avatar/${group.id}/team_logo.png`);
  });

  it("refuses a redirect to an address the URL policy forbids, and stores nothing", async () => {
    storage.requests.length = 0;
    const { group, outcome } = await run(["127.0.0.2"]);
    expect(outcome).toMatchObject({ name: "SourceError", kind: "local_address" });
    expect(storage.requests).toHaveLength(0);
    const [row] = await getDb().select().from(groups).where(eq(groups.id, group.id));
    expect(row!.avatarPath).toBeNull();
  });
});
