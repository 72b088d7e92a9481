import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, groupMembers, groups, users } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { makeUser, unique } from "@/test/helpers/factories";
import { importResult, waitForImports } from "@/test/helpers/imports";
import { runImportWorker } from "@/test/helpers/import-worker";
import { runTestSource } from "@/test/helpers/test-source";
import { DEFAULT_TOKEN, treeRecords } from "@/test/source";
import { startImports, STATUS, TRACKER_STATUS } from "../../index";
import { membersPipeline } from "./members";
import type { EntityContext } from "../support/types";

runImportWorker("pgboss_members_test");

const ROOT = 4351;
const SUBGROUPS = [4352, 4353];

interface FixtureMember {
  access_level: number;
  expires_at: string | null;
  user: { id: number; username: string; public_email?: string; email?: string };
}
const fixtureMembers = (id: number) => treeRecords<FixtureMember>(id, "members");

const source = runTestSource({ version: "17.8.0-ee", batchSize: 4, exportDelayMs: 50 });

async function importComplex(migrateMemberships: boolean) {
  const user = await makeUser();
  const slug = unique("members");
  const [started] = await startImports(user, { url: source().url, token: DEFAULT_TOKEN }, [
    { sourceFullPath: source().group(ROOT).path, destinationSlug: slug, destinationNamespace: "", migrateProjects: false, migrateMemberships },
  ]);
  const [bulkImport] = await waitForImports([started!.bulkImportId]);
  return { user, bulkImport: bulkImport!, result: await importResult(started!.bulkImportId) };
}

async function membersOf(groupId: number) {
  return getDb()
    .select({ userId: users.id, username: users.username, name: users.name, email: users.email, userType: users.userType, accessLevel: groupMembers.accessLevel, expiresAt: groupMembers.expiresAt })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(eq(groupMembers.groupId, groupId));
}

describe("members pipeline", () => {
  it("imports the complex group's members with their roles, as placeholders or email-matched accounts", async () => {
    // One source member's public email belongs to a local account: that account becomes the member.
    const matchedEmail = fixtureMembers(ROOT).find((m) => m.user.username === "charlesetta")!.user.public_email!;
    const [existing] = await getDb().select({ id: users.id }).from(users).where(eq(users.email, matchedEmail));
    const local = existing ?? (await makeUser({ username: unique("garret"), email: matchedEmail }));

    const { user, bulkImport, result } = await importComplex(true);
    expect(bulkImport.status).toBe(STATUS.finished);
    expect(bulkImport.hasFailures).toBe(false);

    const root = result.get(source().group(ROOT).path)!;
    const rootLines = fixtureMembers(ROOT);
    expect(root.trackers.get("members")).toMatchObject({
      status: TRACKER_STATUS.finished,
      sourceObjectsCount: rootLines.length,
      fetchedObjectsCount: rootLines.length,
      importedObjectsCount: rootLines.length,
    });
    const rootMembers = await membersOf(root.group!.id);
    // Every source member, plus the importer who stays Owner.
    expect(rootMembers).toHaveLength(rootLines.length + 1);
    expect(rootMembers.find((m) => m.userId === user.id)?.accessLevel).toBe(50);
    for (const line of rootLines) {
      const member = line.user.username === "charlesetta" ? rootMembers.find((m) => m.userId === local.id) : rootMembers.find((m) => m.username.startsWith(`${line.user.username}_placeholder_user_`));
      expect(member, line.user.username).toBeDefined();
      expect(member!.accessLevel).toBe(line.access_level);
      expect(member!.expiresAt).toBe(line.expires_at);
      expect(member!.userType).toBe(line.user.username === "charlesetta" ? "human" : "placeholder");
      // The export has no names: the source's GET /users/:id gave them.
      if (line.user.username !== "charlesetta") expect(member!.name).toBe(`Placeholder ${source().store.users.get(line.user.id)!.name}`);
    }

    // Subgroups: direct members, except those whose role a parent membership already gives (GitLab's rule).
    const rootLevel = new Map(rootLines.map((l) => [l.user.id, l.access_level]));
    for (const id of SUBGROUPS) {
      const entry = result.get(`${source().group(ROOT).path}/${source().group(id).path}`)!;
      const lines = fixtureMembers(id);
      expect(entry.trackers.get("members")).toMatchObject({ status: TRACKER_STATUS.finished, importedObjectsCount: lines.length });
      const expected = lines.filter((l) => (rootLevel.get(l.user.id) ?? 0) < l.access_level);
      expect(expected.length).toBeLessThan(lines.length); // the fixture's `root` is Owner of the parent
      const members = (await membersOf(entry.group!.id)).filter((m) => m.userId !== user.id);
      expect(members.map((m) => [m.username.replace(/_placeholder_user_\d+$/, ""), m.accessLevel]).sort()).toEqual(
        expected.map((l) => [l.user.username, l.access_level]).sort(),
      );
    }

    // The source's `root` is one placeholder for the whole top-level group, not one per subgroup.
    const rootPlaceholders = await getDb()
      .select({ id: users.id })
      .from(users)
      .innerJoin(groupMembers, eq(groupMembers.userId, users.id))
      .innerJoin(groups, eq(groups.id, groupMembers.groupId))
      .where(and(eq(users.userType, "placeholder"), inArray(groups.id, [...result.values()].map((e) => e.group!.id))));
    expect(new Set(rootPlaceholders.map((p) => p.id)).size).toBe(new Set([...rootLines, ...SUBGROUPS.flatMap(fixtureMembers)].filter((l) => l.user.username !== "charlesetta").map((l) => l.user.id)).size);
  });

  it("imports no member when memberships are off", async () => {
    const { user, bulkImport, result } = await importComplex(false);
    expect(bulkImport.status).toBe(STATUS.finished);
    for (const entry of result.values()) {
      expect(entry.trackers.has("members")).toBe(false);
      const members = await membersOf(entry.group!.id);
      expect(members.every((m) => m.userId === user.id)).toBe(true);
    }
  });

  it("keeps expiry, refuses bad records, never downgrades the importer, and loads nothing twice", async () => {
    const importer = await makeUser();
    const group = await createGroup(importer, { name: unique("G"), path: unique("g") });
    const entity = { portable: "group", entityId: 0, userId: importer.id, sourceUrl: "https://src.example.com", groupId: group.id } as EntityContext;
    const record = (id: number, extra: Record<string, unknown> = {}) => ({ id: id + 1000, access_level: 30, expires_at: "2031-05-01", user: { id, username: `exp${id}_${group.id}`, public_email: null }, ...extra });
    const rows = [
      membersPipeline.transform(record(1), entity, "id:1"),
      membersPipeline.transform(record(2, { access_level: 10, user: { id: 2, username: `imp_${group.id}`, public_email: importer.email } }), entity, "id:2"),
    ];
    expect(() => membersPipeline.transform(record(3, { access_level: 60 }), entity, "id:3")).toThrow(/access_level/);
    expect(() => membersPipeline.transform(record(4, { user: { id: "x" } }), entity, "id:4")).toThrow(/user id/);
    expect(() => membersPipeline.transform(record(5, { expires_at: "soon" }), entity, "id:5")).toThrow(/expires_at/);
    for (let run = 0; run < 2; run += 1) await getDb().transaction((tx) => membersPipeline.load(tx, rows, entity));
    const members = await membersOf(group.id);
    expect(members).toHaveLength(2);
    expect(members.find((m) => m.userId === importer.id)?.accessLevel).toBe(50);
    expect(members.find((m) => m.userType === "placeholder")).toMatchObject({ accessLevel: 30, expiresAt: "2031-05-01" });
  });
});
