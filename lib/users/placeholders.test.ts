import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, groupMembers, sourceUserMappings, users } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { makeUser, unique } from "@/test/helpers/factories";
import { applyReassignmentCsv, CSV_MAX_BYTES, listPlaceholders, mapSourceUser, parseReassignmentCsv, PlaceholderError, reassignPlaceholder } from "./index";

const SOURCE = "https://gitlab.example.com";
let nextId = 2_000_000 + Math.floor(Math.random() * 1_000_000);

/** An imported top-level group with a subgroup, and two source users as placeholders with memberships. */
async function imported() {
  const owner = await makeUser();
  const root = await createGroup(owner, { name: unique("Root"), path: unique("root") });
  const sub = await createGroup(owner, { name: "Sub", path: "sub", parentId: root.id });
  const ada = { id: nextId++, username: unique("ada"), name: "Ada", publicEmail: `${unique("ada")}@source.example` };
  const bob = { id: nextId++, username: unique("bob"), name: "Bob", publicEmail: null };
  const [adaId, bobId] = await getDb().transaction(async (tx) => [
    await mapSourceUser(tx, { sourceUrl: SOURCE, rootGroupId: root.id, sourceUser: ada }),
    await mapSourceUser(tx, { sourceUrl: SOURCE, rootGroupId: root.id, sourceUser: bob }),
  ]);
  await getDb()
    .insert(groupMembers)
    .values([
      { groupId: root.id, userId: adaId!, accessLevel: 30 },
      { groupId: sub.id, userId: adaId!, accessLevel: 40, expiresAt: "2030-01-01" },
      { groupId: root.id, userId: bobId!, accessLevel: 20 },
    ]);
  return { owner, root, sub, ada: { ...ada, placeholderId: adaId! }, bob: { ...bob, placeholderId: bobId! } };
}

const memberships = (userId: number) => getDb().select().from(groupMembers).where(eq(groupMembers.userId, userId));

describe("reassigning placeholders", () => {
  it("lists the group's source users with their contributions, for owners only", async () => {
    const { owner, root, ada } = await imported();
    const { rows, total } = await listPlaceholders(owner, root.id, { page: 1, perPage: 20 });
    expect(total).toBe(2);
    expect(rows.find((r) => r.sourceUsername === ada.username)).toMatchObject({
      status: "placeholder",
      sourceName: "Ada",
      sourcePublicEmail: ada.publicEmail,
      sourceUrl: SOURCE,
      contributions: { memberships: 2 },
    });
    expect((await listPlaceholders(owner, root.id, { search: ada.publicEmail.slice(0, 8), page: 1, perPage: 20 })).total).toBe(1);
    const stranger = await makeUser();
    await expect(listPlaceholders(stranger, root.id, { page: 1, perPage: 20 })).rejects.toMatchObject({ status: 404 });
  });

  it("moves every membership to the real account in one go, keeping the higher role where both are members", async () => {
    const { owner, root, sub, ada } = await imported();
    const target = await makeUser();
    await getDb().insert(groupMembers).values({ groupId: sub.id, userId: target.id, accessLevel: 20 });

    const maintainer = await makeUser();
    await getDb().insert(groupMembers).values({ groupId: root.id, userId: maintainer.id, accessLevel: 40 });
    await expect(reassignPlaceholder(maintainer, ada.placeholderId, target.id)).rejects.toMatchObject({ status: 403 });

    await reassignPlaceholder(owner, ada.placeholderId, target.id);
    expect(await memberships(ada.placeholderId)).toEqual([]);
    const moved = await memberships(target.id);
    expect(moved.map((m) => [m.groupId, m.accessLevel, m.expiresAt]).sort()).toEqual(
      [
        [root.id, 30, null],
        [sub.id, 40, null],
      ].sort(),
    );
    const [mapping] = await getDb().select().from(sourceUserMappings).where(eq(sourceUserMappings.placeholderUserId, ada.placeholderId));
    expect(mapping).toMatchObject({ userId: target.id, reassignedById: owner.id });
    expect(mapping!.reassignedAt).toBeInstanceOf(Date);
    // Once reassigned, a re-import maps the source user straight to the account.
    const again = await getDb().transaction((tx) => mapSourceUser(tx, { sourceUrl: SOURCE, rootGroupId: root.id, sourceUser: ada }));
    expect(again).toBe(target.id);
    await expect(reassignPlaceholder(owner, ada.placeholderId, target.id)).rejects.toMatchObject({ status: 409 });
  });

  it("refuses a placeholder or a blocked user as the target", async () => {
    const { owner, ada, bob } = await imported();
    await expect(reassignPlaceholder(owner, ada.placeholderId, bob.placeholderId)).rejects.toThrow(/another placeholder/);
    const blocked = await makeUser();
    await getDb().update(users).set({ state: "blocked" }).where(eq(users.id, blocked.id));
    await expect(reassignPlaceholder(owner, ada.placeholderId, blocked.id)).rejects.toThrow(PlaceholderError);
    expect(await memberships(ada.placeholderId)).toHaveLength(2);
  });
});

describe("reassignment CSV", () => {
  it("parses lines, skipping a header and blanks, and reports malformed ones by line", () => {
    const { entries, errors } = parseReassignmentCsv('Source username or email,Local username\n\nada,alice\n"bob@x.org" , bob\nonly-one\na,b,c\n,x\n');
    expect(entries).toEqual([
      { line: 3, source: "ada", target: "alice" },
      { line: 4, source: "bob@x.org", target: "bob" },
    ]);
    expect(errors.map((e) => e.line)).toEqual([5, 6, 7]);
    expect(errors[0]!.message).toMatch(/Malformed line/);
    expect(() => parseReassignmentCsv("a,b\n".repeat(CSV_MAX_BYTES / 4 + 1))).toThrow(/too large/);
  });

  it("previews, then reassigns by source username or email, with an error per bad line", async () => {
    const { owner, root, ada, bob } = await imported();
    const alice = await makeUser();
    const csv = [`${ada.publicEmail.toUpperCase()},${alice.username}`, `${bob.username},nobody-${unique()}`, `ghost-${unique()},${alice.username}`, "broken"].join("\n");

    const preview = await applyReassignmentCsv(owner, root.id, csv, { dryRun: true });
    expect(preview.map((r) => r.status)).toEqual(["ready", "error", "error", "error"]);
    expect(preview[1]!.message).toMatch(/Unknown local user/);
    expect(preview[2]!.message).toMatch(/Unknown source user/);
    expect(await memberships(alice.id)).toHaveLength(0);

    const applied = await applyReassignmentCsv(owner, root.id, csv);
    expect(applied.map((r) => r.status)).toEqual(["reassigned", "error", "error", "error"]);
    expect((await memberships(alice.id)).length).toBe(2);
    expect(await getDb().select().from(groupMembers).where(and(eq(groupMembers.userId, bob.placeholderId), eq(groupMembers.groupId, root.id)))).toHaveLength(1);

    const again = await applyReassignmentCsv(owner, root.id, `${ada.username},${alice.username}`);
    expect(again[0]).toMatchObject({ status: "error", message: expect.stringMatching(/already been reassigned/) });
    const stranger = await makeUser();
    await expect(applyReassignmentCsv(stranger, root.id, csv)).rejects.toMatchObject({ status: 404 });
  });
});
