import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, sourceUsers, users } from "@/lib/db";
import { SourceClient } from "@/lib/gitlab";
import { createGroup } from "@/lib/groups";
import { makeUser, unique } from "@/test/helpers/factories";
import { DEFAULT_TOKEN, ROUTES, startTestSource, type TestSource } from "@/test/source";
import { fetchSourceUsers, mapSourceUsers } from "./source-users";

let source: TestSource;
let client: SourceClient;
let entityId = 900_000_000 + Math.floor(Math.random() * 1_000_000);
beforeAll(async () => {
  source = await startTestSource();
  client = new SourceClient({ url: source.url, token: DEFAULT_TOKEN, allowLocal: true, allowInsecure: true, maxRetries: 0 });
});
afterAll(async () => {
  client?.close();
  await source?.close();
});

const userRequests = () => source.requests.filter((r) => r.route === ROUTES.user).map((r) => Number(r.path.split("/").pop()));
const stored = (ids: number[]) =>
  getDb()
    .select({ id: sourceUsers.sourceUserId, username: sourceUsers.username, name: sourceUsers.name, publicEmail: sourceUsers.publicEmail })
    .from(sourceUsers)
    .where(and(eq(sourceUsers.sourceUrl, source.url), inArray(sourceUsers.sourceUserId, ids)));

describe("source users named by records", () => {
  it("reads the users it does not know by name from the source, a few at a time, once per entity", async () => {
    const ids = Array.from({ length: 10 }, (_, i) => 80_000 + i);
    for (const id of ids) source.addUser({ id, username: `person.${id}`, name: `Person ${id}`, publicEmail: id === ids[0] ? `p${id}@example.com` : null });
    // One of them is known with a name already (an earlier import told us), another without one (a members export).
    await getDb().insert(sourceUsers).values([
      { sourceUrl: source.url, sourceUserId: ids[1]!, username: `person.${ids[1]}`, name: "Known Name" },
      { sourceUrl: source.url, sourceUserId: ids[2]!, username: `person.${ids[2]}`, name: null },
    ]);
    source.clearRequests();
    const scope = { sourceUrl: source.url, entityId: entityId++ };
    await fetchSourceUsers(client, scope, [...ids, ...ids].map((id) => ({ id })));
    expect(userRequests().sort()).toEqual(ids.filter((id) => id !== ids[1]).sort());
    const rows = await stored(ids);
    expect(rows.find((r) => r.id === ids[0])).toMatchObject({ username: `person.${ids[0]}`, name: `Person ${ids[0]}`, publicEmail: `p${ids[0]}@example.com` });
    expect(rows.find((r) => r.id === ids[1])).toMatchObject({ name: "Known Name" });
    expect(rows.find((r) => r.id === ids[2])).toMatchObject({ name: `Person ${ids[2]}` });

    // The next chunk of the same entity asks nothing again.
    source.clearRequests();
    await fetchSourceUsers(client, scope, ids.map((id) => ({ id })));
    expect(userRequests()).toEqual([]);
  });

  it("lets concurrent chunks of one entity wait for the same request, and returns only once the user is stored", async () => {
    const id = 82_001;
    source.addUser({ id, username: "slow.poke", name: "Slow Poke" });
    source.faults.delay({ endpoint: ROUTES.user, ms: 300, times: 1 });
    source.clearRequests();
    const scope = { sourceUrl: source.url, entityId: entityId++ };
    const first = fetchSourceUsers(client, scope, [{ id }]);
    await new Promise((r) => setTimeout(r, 50));
    await fetchSourceUsers(client, scope, [{ id }]);
    expect(await stored([id])).toMatchObject([{ name: "Slow Poke" }]);
    await first;
    expect(userRequests()).toEqual([id]);
  });

  it("leaves a user the source no longer has to a ghost placeholder, and fails on a source that keeps failing", async () => {
    const deleted = 81_001;
    const scope = { sourceUrl: source.url, entityId: entityId++ };
    await fetchSourceUsers(client, scope, [{ id: deleted, name: "Gone Person" }]);
    expect(await stored([deleted])).toEqual([]);

    const owner = await makeUser();
    const group = await createGroup(owner, { name: unique("G"), path: unique("g") });
    const mapped = await getDb().transaction((tx) => mapSourceUsers(tx, { sourceUrl: source.url, rootGroupId: group.id }, [{ id: deleted }, { id: deleted, name: "Gone Person" }]));
    const [ghost] = await getDb().select().from(users).where(eq(users.id, mapped.get(deleted)!));
    expect(ghost).toMatchObject({ userType: "placeholder", name: "Placeholder Gone Person", username: `ghost-${deleted}_placeholder_user_1` });
    // Stable: the same source user maps to the same placeholder, however it is named next time.
    const again = await getDb().transaction((tx) => mapSourceUsers(tx, { sourceUrl: source.url, rootGroupId: group.id }, [{ id: deleted }]));
    expect(again.get(deleted)).toBe(ghost!.id);

    source.addUser({ id: 81_002, username: "flaky" });
    source.faults.serverError({ endpoint: ROUTES.user, status: 503, times: 5 });
    await expect(fetchSourceUsers(client, { sourceUrl: source.url, entityId: entityId++ }, [{ id: 81_002 }])).rejects.toMatchObject({ kind: "server_error" });
  });
});
