import { and, eq, like, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, sourceUserMappings, sourceUsers, users } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { makeUser, unique } from "@/test/helpers/factories";
import { mapSourceUser, type SourceUserInput } from "./index";

const SOURCE = "https://gitlab.example.com";

async function rootGroup() {
  const owner = await makeUser();
  const group = await createGroup(owner, { name: unique("Root"), path: unique("root") });
  return { owner, group };
}

const map = (rootGroupId: number, sourceUser: SourceUserInput, sourceUrl = SOURCE) =>
  getDb().transaction((tx) => mapSourceUser(tx, { sourceUrl, rootGroupId, sourceUser }));

let nextSourceId = 900_000 + Math.floor(Math.random() * 1_000_000);
const sourceUser = (overrides: Partial<SourceUserInput> = {}): SourceUserInput => ({
  id: nextSourceId++,
  username: unique("src"),
  name: "Ada Source",
  publicEmail: null,
  ...overrides,
});

describe("mapping source users", () => {
  it("maps to the confirmed human account with the source's public email, case-insensitively", async () => {
    const { group } = await rootGroup();
    const local = await makeUser();
    const id = await map(group.id, sourceUser({ publicEmail: local.email.toUpperCase() }));
    expect(id).toBe(local.id);
    const [mapping] = await getDb().select().from(sourceUserMappings).where(eq(sourceUserMappings.userId, local.id));
    expect(mapping).toMatchObject({ rootGroupId: group.id, placeholderUserId: null });
  });

  it("does not match an unconfirmed account: a placeholder is made instead", async () => {
    const { group } = await rootGroup();
    const local = await makeUser();
    await getDb().update(users).set({ confirmedAt: null }).where(eq(users.id, local.id));
    const id = await map(group.id, sourceUser({ publicEmail: local.email }));
    expect(id).not.toBe(local.id);
  });

  it("makes one placeholder per source user and top-level group, that cannot sign in and is not counted", async () => {
    const { group } = await rootGroup();
    const { group: other } = await rootGroup();
    const ada = sourceUser({ publicEmail: "nobody-here@example.org" });
    const first = await map(group.id, ada);
    expect(await map(group.id, { ...ada, name: null })).toBe(first);
    const elsewhere = await map(other.id, ada);
    expect(elsewhere).not.toBe(first);
    // The same id on another source instance is another person.
    expect(await map(group.id, ada, "https://other.example.com")).not.toBe(first);

    const [placeholder] = await getDb().select().from(users).where(eq(users.id, first));
    expect(placeholder).toMatchObject({ userType: "placeholder", passwordHash: null, name: "Placeholder Ada Source" });
    expect(placeholder!.username).toMatch(new RegExp(`^${ada.username}_placeholder_user_\\d+$`));
    expect(placeholder!.email).toMatch(/@placeholder\.ferry\.invalid$/);
    // A later export without a name keeps the name an earlier one gave.
    const [stored] = await getDb().select().from(sourceUsers).where(and(eq(sourceUsers.sourceUrl, SOURCE), eq(sourceUsers.sourceUserId, ada.id)));
    expect(stored).toMatchObject({ username: ada.username, name: "Ada Source", publicEmail: "nobody-here@example.org" });
    // Not counted as accounts (countUsers counts human users only): every user these mappings made is a placeholder.
    // Other test files make accounts meanwhile in this database, so the instance's total proves nothing here.
    const made = await getDb().select({ userType: users.userType }).from(users).where(like(users.username, `${ada.username}%`));
    expect(made.map((u) => u.userType)).toEqual(["placeholder", "placeholder", "placeholder"]);
  });

  it("is race-safe: concurrent imports of one source user end with one mapping and one placeholder", async () => {
    const { group } = await rootGroup();
    const ada = sourceUser();
    const ids = await Promise.all(Array.from({ length: 8 }, () => map(group.id, ada)));
    expect(new Set(ids).size).toBe(1);
    const placeholders = await getDb()
      .select({ id: users.id })
      .from(users)
      .where(like(users.username, `${ada.username}_placeholder_user_%`));
    expect(placeholders.map((p) => p.id)).toEqual([ids[0]]);
    const [{ n } = { n: 0 }] = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(sourceUserMappings)
      .innerJoin(sourceUsers, eq(sourceUsers.id, sourceUserMappings.sourceUserId))
      .where(and(eq(sourceUsers.sourceUserId, ada.id), eq(sourceUserMappings.rootGroupId, group.id)));
    expect(n).toBe(1);
  });

  it("numbers placeholders of one source username across top-level groups", async () => {
    const username = unique("same");
    const [a, b] = await Promise.all([rootGroup(), rootGroup()]);
    const [one, two] = await Promise.all([map(a.group.id, sourceUser({ username })), map(b.group.id, sourceUser({ username }))]);
    const names = await getDb().select({ id: users.id, username: users.username }).from(users).where(like(users.username, `${username}_placeholder_user_%`));
    expect(names.map((n) => n.id).sort()).toEqual([one, two].sort());
    expect(names.map((n) => n.username).sort()).toEqual([`${username}_placeholder_user_1`, `${username}_placeholder_user_2`]);
  });
});
