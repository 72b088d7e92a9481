import fs from "node:fs";
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, iterationCadences, iterations } from "@/lib/db";
import { readGroupAvatar } from "@/lib/groups";
import { STATUS } from "@/lib/migration";
import { call, tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { exportGroupOverHttp } from "@/test/exchange/export-client";
import { runFerryExchange } from "@/test/exchange/ferry-exchange";
import { importSourceGroup } from "@/test/exchange/fixture-import";
import { fromFile, ndjsonRecords } from "@/test/source";
import { metadataRoute } from "../../index";

const ROOT = 4351;
const CADENCES = "test/fixtures/ferry/iterations_cadences.ndjson";
const PNG = fs.readFileSync("test/fixtures/ferry/group-avatar.png");
const fixture = ndjsonRecords(CADENCES);

const { source, ferry } = runFerryExchange("pgboss_iterations_export_test", { version: "17.8.0-ee", batchSize: 2, exportDelayMs: 20 }, (gitlab) => {
  gitlab.setRelation(ROOT, "iterations_cadences", fromFile(CADENCES));
  gitlab.setAvatar(ROOT, "group-avatar.png", PNG);
});

type Json = Record<string, unknown>;
/** A record without the ids that name it on one instance (its group), its iterations by start date. */
const portable = (record: Json): Json => {
  const { group_id: _g, iterations: nested, ...rest } = record;
  void _g;
  return {
    ...rest,
    iterations: (nested as Json[]).map(({ group_id: _i, ...iteration }) => (void _i, iteration)).sort((a, b) => String(a.start_date).localeCompare(String(b.start_date))),
  };
};
const byTitle = (records: Json[]) => [...records].sort((a, b) => String(a.title).localeCompare(String(b.title)));

async function stored(groupId: number) {
  const cadences = await getDb().select().from(iterationCadences).where(eq(iterationCadences.groupId, groupId)).orderBy(asc(iterationCadences.title));
  return Promise.all(
    cadences.map(async (c) => ({
      cadence: [c.title, c.description, c.startDate, c.active, c.rollOver, c.automatic, c.createdAt.toISOString()],
      iterations: (await getDb().select().from(iterations).where(eq(iterations.cadenceId, c.id)).orderBy(asc(iterations.startDate))).map((i) => [i.iid, i.sequence, i.title, i.description, i.startDate, i.dueDate, i.state, i.updatedAt.toISOString()]),
    })),
  );
}

describe("iterations_cadences export", () => {
  it("gives back GitLab's records, so that one Ferry migrating from another keeps cadences, iterations and the avatar", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id);
    const fromGitlab = await importSourceGroup(source(), source().group(ROOT).path, user, unique("cadences-a"));
    expect(fromGitlab).toMatchObject({ status: STATUS.finished, hasFailures: false });
    const a = [...fromGitlab.byPath.values()].find((g) => g.parentId === null)!;

    // Exporting EE relations makes this Ferry an enterprise source (GET /version and /metadata), so importers ask for them.
    expect((await call(metadataRoute, "/api/v4/metadata", { token })).body).toMatchObject({ enterprise: true });
    const exported = (await exportGroupOverHttp(ferry().url, token, a.id)).get("iterations_cadences")!;
    expect(exported.batched).toBe(true);
    expect(byTitle(exported.records).map(portable)).toEqual(byTitle(fixture).map(portable));
    // GitLab's attribute order (the table's columns, iterations last), and Ferry's own group id.
    expect(Object.keys(exported.records[0]!)).toEqual(["group_id", "created_at", "updated_at", "start_date", "active", "title", "roll_over", "description", "iterations"]);
    expect(Object.keys((exported.records[0]!.iterations as Json[])[0]!)).toEqual(["created_at", "updated_at", "start_date", "due_date", "group_id", "iid", "description"]);
    expect(exported.records.every((r) => r.group_id === a.id)).toBe(true);

    const fromFerry = await importSourceGroup({ url: ferry().url, token }, a.fullPath, user, unique("cadences-b"));
    expect(fromFerry).toMatchObject({ status: STATUS.finished, hasFailures: false });
    const b = [...fromFerry.byPath.values()].find((g) => g.parentId === null)!;
    expect(await stored(b.id)).toEqual(await stored(a.id));
    expect((await stored(b.id)).flatMap((c) => c.iterations)).toHaveLength(11);

    // The avatar came through Ferry's GET /groups/:id/avatar, byte for byte.
    expect(b.avatarPath).toBe(`uploads/-/system/group/avatar/${b.id}/group-avatar.png`);
    expect((await readGroupAvatar(b))!.bytes.equals(PNG)).toBe(true);
  }, 180_000);
});
