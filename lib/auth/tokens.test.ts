import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, personalAccessTokens, users } from "@/lib/db";
import { makeUser } from "@/test/helpers/factories";
import { authenticateToken, createPersonalAccessToken, listPersonalAccessTokens, revokePersonalAccessToken } from "./tokens";

describe("personal access tokens", () => {
  it("returns the token once and stores only its SHA-256 digest", async () => {
    const user = await makeUser();
    const { token, record } = await createPersonalAccessToken(user.id, { name: "ci", scopes: ["api"] });
    expect(token).toMatch(/^glpat-[A-Za-z0-9_-]{27}$/);
    const [row] = await getDb().select().from(personalAccessTokens).where(eq(personalAccessTokens.id, record.id));
    expect(row!.tokenDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token);
    const identity = await authenticateToken(token);
    expect(identity?.user.id).toBe(user.id);
    expect(identity?.scopes).toEqual(["api"]);
    expect(identity?.user).not.toHaveProperty("passwordHash");
  });

  it("rejects unknown, revoked and expired tokens, and tokens of blocked users", async () => {
    const user = await makeUser();
    expect(await authenticateToken("glpat-doesnotexistdoesnotexist00")).toBeNull();
    expect(await authenticateToken("no-prefix")).toBeNull();

    const revoked = await createPersonalAccessToken(user.id, { name: "r", scopes: ["read_api"] });
    expect(await revokePersonalAccessToken(user.id, revoked.record.id)).toBe(true);
    expect(await authenticateToken(revoked.token)).toBeNull();

    const expiring = await createPersonalAccessToken(user.id, { name: "e", scopes: ["api"], expiresAt: "2999-01-01" });
    expect(await authenticateToken(expiring.token)).not.toBeNull();
    await getDb().update(personalAccessTokens).set({ expiresAt: new Date().toISOString().slice(0, 10) }).where(eq(personalAccessTokens.id, expiring.record.id));
    expect(await authenticateToken(expiring.token)).toBeNull();

    const live = await createPersonalAccessToken(user.id, { name: "b", scopes: ["api"] });
    await getDb().update(users).set({ state: "blocked" }).where(eq(users.id, user.id));
    expect(await authenticateToken(live.token)).toBeNull();
  });

  it("is never created for, nor accepted from, a placeholder user", async () => {
    const user = await makeUser();
    const { token } = await createPersonalAccessToken(user.id, { name: "soon a placeholder", scopes: ["api"] });
    await getDb().update(users).set({ userType: "placeholder" }).where(eq(users.id, user.id));
    expect(await authenticateToken(token)).toBeNull();
    await expect(createPersonalAccessToken(user.id, { name: "x", scopes: ["api"] })).rejects.toThrow(/placeholder/);
  });

  it("cannot be revoked by another user", async () => {
    const [owner, other] = await Promise.all([makeUser(), makeUser()]);
    const { token, record } = await createPersonalAccessToken(owner.id, { name: "mine", scopes: ["api"] });
    expect(await revokePersonalAccessToken(other.id, record.id)).toBe(false);
    expect(await authenticateToken(token)).not.toBeNull();
  });

  it("validates name, scopes and expiry", async () => {
    const user = await makeUser();
    await expect(createPersonalAccessToken(user.id, { name: "", scopes: ["api"] })).rejects.toThrow(/blank/);
    await expect(createPersonalAccessToken(user.id, { name: "x", scopes: [] })).rejects.toThrow(/at least one scope/);
    await expect(createPersonalAccessToken(user.id, { name: "x", scopes: ["sudo" as "api"] })).rejects.toThrow();
    await expect(createPersonalAccessToken(user.id, { name: "x", scopes: ["api"], expiresAt: "2000-01-01" })).rejects.toThrow(/future/);
  });

  it("lists a user's tokens newest first with their state", async () => {
    const user = await makeUser();
    const a = await createPersonalAccessToken(user.id, { name: "first", scopes: ["api"] });
    await createPersonalAccessToken(user.id, { name: "second", scopes: ["read_api"] });
    await revokePersonalAccessToken(user.id, a.record.id);
    const list = await listPersonalAccessTokens(user.id);
    expect(list.map((t) => [t.name, t.active])).toEqual([
      ["second", true],
      ["first", false],
    ]);
  });
});
