import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/crypto";
import { getDb, users } from "@/lib/db";
import { makeUser, unique } from "@/test/helpers/factories";
import { countUsers, createUser, findUserByLogin, UserExistsError } from "./index";

describe("accounts", () => {
  it("makes the first account of the instance administrator, and no account after it unless asked", async () => {
    // Test files share the database: whichever created the first account, it is the lowest id and an admin, and
    // accounts created after it (here concurrently) are not.
    const created = await Promise.all([makeUser(), makeUser(), makeUser()]);
    expect(created.map((u) => u.isAdmin)).toEqual([false, false, false]);
    const [first] = await getDb().select({ id: sql<number>`min(id)::int` }).from(users);
    const [firstRow] = await getDb().select({ isAdmin: users.isAdmin }).from(users).where(eq(users.id, first!.id));
    expect(firstRow!.isAdmin).toBe(true);
    expect(await countUsers()).toBeGreaterThanOrEqual(4);
  });

  it("makes a later account administrator only when asked", async () => {
    expect((await makeUser()).isAdmin).toBe(false);
    const admin = await makeUser({ admin: true });
    expect(admin.isAdmin).toBe(true);
    await getDb().update(users).set({ isAdmin: false }).where(eq(users.id, admin.id));
  });

  it("stores an argon2id hash, never the password", async () => {
    const user = await makeUser();
    const stored = await findUserByLogin(user.username);
    expect(stored!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored!.passwordHash).not.toContain("correct horse");
    expect(await verifyPassword(stored!.passwordHash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(stored!.passwordHash, "wrong")).toBe(false);
  });

  it("finds a user by username or email, case-insensitively", async () => {
    const user = await makeUser();
    expect((await findUserByLogin(user.username.toUpperCase()))?.id).toBe(user.id);
    expect((await findUserByLogin(user.email.toUpperCase()))?.id).toBe(user.id);
  });

  it("refuses a taken username or email whatever their case", async () => {
    const user = await makeUser();
    await expect(makeUser({ username: user.username.toUpperCase(), email: `${unique()}@example.com` })).rejects.toThrow(UserExistsError);
    await expect(makeUser({ email: user.email.toUpperCase() })).rejects.toMatchObject({ field: "email" });
  });

  it("validates input", async () => {
    await expect(createUser({ username: "-bad", email: "x@example.com", name: "x", password: "long enough" })).rejects.toThrow(/Username/);
    await expect(createUser({ username: unique(), email: "not-an-email", name: "x", password: "long enough" })).rejects.toThrow(/Email is invalid/);
    await expect(createUser({ username: unique(), email: `${unique()}@example.com`, name: "x", password: "short" })).rejects.toThrow(/too short/);
  });
});
