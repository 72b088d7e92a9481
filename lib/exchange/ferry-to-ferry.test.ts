import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, labels, milestones } from "@/lib/db";
import { startWorker, stopBoss, type RunningWorker } from "@/lib/jobs";
import { importJobHandlers, STATUS } from "@/lib/migration";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { startApiServer, type ApiServer } from "@/test/exchange/api-server";
import { comparable } from "@/test/exchange/compare";
import { exportGroupOverHttp } from "@/test/exchange/export-client";
import { importSourceGroup } from "@/test/exchange/fixture-import";
import { startTestSource, type TestSource } from "@/test/source";
import { exchangeJobHandlers } from "./index";

// Both the test source and this Ferry's API server listen on 127.0.0.1 over http.
process.env.FERRY_ALLOW_LOCAL_SOURCES = "true";
process.env.FERRY_ALLOW_INSECURE_SOURCES = "true";
process.env.FERRY_QUEUE_SCHEMA = "pgboss_ferry_to_ferry_test";

let worker: RunningWorker;
let source: TestSource;
let ferry: ApiServer;
beforeAll(async () => {
  worker = await startWorker({ concurrency: 4, handlers: { ...importJobHandlers, ...exchangeJobHandlers }, pollingIntervalSeconds: 0.5 });
  source = await startTestSource({ version: "17.8.0-ee", batchSize: 4, exportDelayMs: 20 });
  ferry = await startApiServer();
});
afterAll(async () => {
  await ferry?.close();
  await source?.close();
  await worker?.stop();
  await stopBoss();
});

type Row = Record<string, unknown> & { sourceAttributes: Record<string, unknown> };
/** A stored label or milestone as an instance would show it: without its own ids, or the ids it was imported with. */
const content = (row: Row) => {
  const { id: _id, groupId: _group, importEntityId: _entity, importKey: _key, sourceAttributes, ...rest } = row;
  void [_id, _group, _entity, _key];
  const { id: _sid, group_id: _sgroup, ...attributes } = sourceAttributes;
  void [_sid, _sgroup];
  return { ...rest, sourceAttributes: attributes };
};

describe("one Ferry migrating from another", () => {
  it("imports a group that Ferry imported from GitLab, relation by relation and field by field the same", async () => {
    const user = await makeUser();
    const fromGitlab = await importSourceGroup(source, source.group(4351).path, user, unique("ferry-a"));
    expect(fromGitlab).toMatchObject({ status: STATUS.finished, hasFailures: false });
    const aRoot = [...fromGitlab.byPath.values()].find((g) => g.parentId === null)!;

    // This Ferry, as a source, to its own importer: the same database, two group trees.
    const token = await tokenFor(user.id);
    const slug = unique("ferry-b");
    const fromFerry = await importSourceGroup({ url: ferry.url, token }, aRoot.fullPath, user, slug);
    expect(fromFerry).toMatchObject({ status: STATUS.finished, hasFailures: false });
    expect(fromFerry.byPath.size).toBe(3);

    for (const [path, a] of fromGitlab.byPath) {
      const bPath = path.replace(source.group(4351).path, aRoot.fullPath);
      const b = fromFerry.byPath.get(bPath);
      expect(b, `copy of ${path}`).toBeDefined();
      expect({ name: b!.name, description: b!.description, visibility: b!.visibility }).toEqual({ name: a.name, description: a.description, visibility: a.visibility });
      // Every setting the source sent comes through, but those GitLab never exports (tokens, owner, timestamps...).
      const excluded = ["owner_id", "created_at", "updated_at", "runners_token", "runners_token_encrypted", "saml_discovery_token", "trial_ends_on", "shared_runners_minute_limit", "extra_shared_runners_minutes_limit", "repository_size_limit", "max_pages_size"];
      const settings = (group: typeof a) => Object.fromEntries(Object.entries(group.settings).filter(([key]) => !excluded.includes(key)));
      expect(settings(b!)).toEqual(settings(a));
      // The top-level group lands where the user asked; subgroups keep their paths.
      expect(b!.path).toBe(a.parentId === null ? slug : a.path);

      const [aExport, bExport] = await Promise.all([exportGroupOverHttp(ferry.url, token, a.id), exportGroupOverHttp(ferry.url, token, b!.id)]);
      expect([...bExport.keys()]).toEqual([...aExport.keys()]);
      for (const [relation, exported] of aExport) {
        expect(comparable(bExport.get(relation)!), `${relation} of ${bPath}`).toEqual(comparable(exported));
      }

      for (const table of [labels, milestones]) {
        const [aRows, bRows] = await Promise.all([a.id, b!.id].map((id) => getDb().select().from(table).where(eq(table.groupId, id)).orderBy(table.id)));
        expect(bRows!.length, `${path}`).toBe(aRows!.length);
        expect(bRows!.map((r) => content(r as Row))).toEqual(aRows!.map((r) => content(r as Row)));
      }
    }
  }, 180_000);
});
