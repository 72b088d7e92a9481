import { randomInt } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDatabaseUrl } from "@/lib/db/client";
import { getDb } from "@/lib/db";
import { notifyImportChanged } from "@/lib/migration/notify";
import { unique } from "@/test/helpers/factories";
import { sql } from "drizzle-orm";
import { ImportEventHub } from "./hub";
import type { ImportEvent } from "./import-event";

// Other test files may notify on the same channel at the same time: each test uses user ids nobody else does.
const someUserId = () => randomInt(1_000_000_000, 2_000_000_000);

const hubs: ImportEventHub[] = [];
function makeHub(options: { applicationName?: string; idleCloseMs?: number } = {}) {
  const hub = new ImportEventHub({ connectionString: getDatabaseUrl, minBackoffMs: 20, maxBackoffMs: 200, ...options });
  hubs.push(hub);
  return hub;
}

afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.close()));
});

function collector() {
  const events: ImportEvent[] = [];
  let resyncs = 0;
  return {
    events,
    get resyncs() {
      return resyncs;
    },
    handlers: { onEvent: (event: ImportEvent) => events.push(event), onResync: () => void resyncs++ },
  };
}

describe("ImportEventHub", () => {
  it("hears notifyImportChanged through one LISTEN connection and gives each subscriber its user's events only", async () => {
    const applicationName = unique("ferry-live-fanout-");
    const hub = makeHub({ applicationName });
    const [alice, bob] = [someUserId(), someUserId()];
    const aliceTab1 = collector();
    const aliceTab2 = collector();
    const bobTab = collector();
    const adminTab = collector();
    const subscriptions = [
      hub.subscribe({ userId: alice }, aliceTab1.handlers),
      hub.subscribe({ userId: alice }, aliceTab2.handlers),
      hub.subscribe({ userId: bob }, bobTab.handlers),
      hub.subscribe({ userId: someUserId(), all: true }, adminTab.handlers),
    ];
    await Promise.all(subscriptions.map((s) => s.ready));
    expect(hub.isListening).toBe(true);

    await notifyImportChanged(getDb(), { userId: alice, bulkImportId: 7, entityId: 70 });
    await notifyImportChanged(getDb(), { userId: bob, bulkImportId: 8 });
    await vi.waitFor(() => expect(adminTab.events).toEqual(expect.arrayContaining([{ userId: bob, bulkImportId: 8 }])));
    expect(aliceTab1.events).toEqual([{ userId: alice, bulkImportId: 7, entityId: 70 }]);
    expect(aliceTab2.events).toEqual([{ userId: alice, bulkImportId: 7, entityId: 70 }]);
    expect(bobTab.events).toEqual([{ userId: bob, bulkImportId: 8 }]);
    expect(adminTab.events).toEqual(expect.arrayContaining([{ userId: alice, bulkImportId: 7, entityId: 70 }]));

    // The browser tabs share the hub's connection: the database sees one listener, whatever the number of tabs.
    const { rows } = await getDb().$client.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1", [applicationName]);
    expect(rows[0].n).toBe(1);

    subscriptions[0]!.unsubscribe();
    await notifyImportChanged(getDb(), { userId: alice, bulkImportId: 9 });
    await vi.waitFor(() => expect(aliceTab2.events).toHaveLength(2));
    expect(aliceTab1.events).toHaveLength(1);
  });

  it("is not stopped by a malformed payload or a failing subscriber", async () => {
    const hub = makeHub();
    const user = someUserId();
    const good = collector();
    await hub.subscribe({ userId: user }, { onEvent: () => { throw new Error("broken page"); } }).ready;
    await hub.subscribe({ userId: user }, good.handlers).ready;
    await getDb().execute(sql`SELECT pg_notify('ferry_import_events', 'not json')`);
    await getDb().execute(sql`SELECT pg_notify('ferry_import_events', ${JSON.stringify({ userId: user })})`);
    await notifyImportChanged(getDb(), { userId: user, bulkImportId: 1 });
    await vi.waitFor(() => expect(good.events).toEqual([{ userId: user, bulkImportId: 1 }]));
  });

  it("reconnects after its connection is terminated, tells subscribers to resync, and hears later events", async () => {
    const applicationName = unique("ferry-live-test-");
    const hub = makeHub({ applicationName });
    const user = someUserId();
    const tab = collector();
    await hub.subscribe({ userId: user }, tab.handlers).ready;

    const { rows } = await getDb().$client.query("SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1", [applicationName]);
    expect(rows).toEqual([{ ok: true }]);
    await vi.waitFor(() => expect(tab.resyncs).toBe(1), { timeout: 5_000 });
    expect(hub.isListening).toBe(true);

    await notifyImportChanged(getDb(), { userId: user, bulkImportId: 42 });
    await vi.waitFor(() => expect(tab.events).toEqual([{ userId: user, bulkImportId: 42 }]));
    const after = await getDb().$client.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1", [applicationName]);
    expect(after.rows[0].n).toBe(1);
  });

  it("keeps retrying while the database refuses, then delivers the waiting subscriber's ready", async () => {
    let url = "postgres://nobody:wrong@127.0.0.1:1/none";
    const hub = new ImportEventHub({ connectionString: () => url, minBackoffMs: 20, maxBackoffMs: 50 });
    hubs.push(hub);
    let ready = false;
    const subscription = hub.subscribe({ userId: someUserId() }, { onEvent: () => undefined });
    void subscription.ready.then(() => (ready = true));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(ready).toBe(false);
    url = getDatabaseUrl();
    await vi.waitFor(() => expect(ready).toBe(true), { timeout: 5_000 });
  });

  it("closes its connection once nobody has listened for a while, and reopens for the next subscriber", async () => {
    const applicationName = unique("ferry-live-idle-");
    const hub = makeHub({ applicationName, idleCloseMs: 50 });
    const first = hub.subscribe({ userId: someUserId() }, { onEvent: () => undefined });
    await first.ready;
    first.unsubscribe();
    await vi.waitFor(() => expect(hub.isListening).toBe(false));
    const user = someUserId();
    const tab = collector();
    await hub.subscribe({ userId: user }, tab.handlers).ready;
    await notifyImportChanged(getDb(), { userId: user, bulkImportId: 3 });
    await vi.waitFor(() => expect(tab.events).toHaveLength(1));
    expect(tab.resyncs).toBe(0);
  });
});
