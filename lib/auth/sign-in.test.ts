import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getDb, users } from "@/lib/db";
import { mapSourceUser } from "@/lib/users";
import { makeUser } from "@/test/helpers/factories";
import { authorizeCredentials } from "./auth";

// next-auth imports `next/server`, which only resolves inside Next; the credentials check itself is ours to test.
vi.mock("next-auth", () => ({
  default: () => ({ handlers: {}, auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn() }),
  CredentialsSignin: class extends Error {
    code = "credentials";
  },
}));
vi.mock("next-auth/providers/credentials", () => ({ default: (options: unknown) => options }));

describe("sign-in of placeholder users", () => {
  it("refuses a placeholder with the same answer as a wrong password, even if a password were stored", async () => {
    const owner = await makeUser();
    const { createGroup } = await import("@/lib/groups");
    const group = await createGroup(owner, { name: "Sign-in root", path: `signin-${owner.id}` });
    const placeholderId = await getDb().transaction((tx) =>
      mapSourceUser(tx, { sourceUrl: "https://gitlab.example.com", rootGroupId: group.id, sourceUser: { id: 5_000_000 + owner.id, username: `ph${owner.id}` } }),
    );
    const [placeholder] = await getDb().select().from(users).where(eq(users.id, placeholderId));
    expect(placeholder!.userType).toBe("placeholder");
    await expect(authorizeCredentials({ login: placeholder!.username, password: "anything at all" })).rejects.toMatchObject({ code: "invalid_login" });

    const human = await makeUser();
    const [withHash] = await getDb().select({ hash: users.passwordHash }).from(users).where(eq(users.id, human.id));
    await getDb().update(users).set({ passwordHash: withHash!.hash }).where(eq(users.id, placeholderId));
    await expect(authorizeCredentials({ login: placeholder!.username, password: "correct horse battery" })).rejects.toMatchObject({ code: "invalid_login" });
    await expect(authorizeCredentials({ login: human.username, password: "correct horse battery" })).resolves.toMatchObject({ id: String(human.id) });
  });
});

describe("the sign-in lock", () => {
  it("counts failures per account, whichever spelling of the login is typed", async () => {
    const victim = await makeUser();
    const spellings = [victim.username, victim.email, victim.email.toUpperCase(), victim.username.toUpperCase()];
    for (let i = 0; i < 5; i++) await expect(authorizeCredentials({ login: spellings[i % spellings.length], password: "wrong guess" })).rejects.toMatchObject({ code: "invalid_login" });
    for (const login of spellings) await expect(authorizeCredentials({ login, password: "correct horse battery" })).rejects.toMatchObject({ code: "too_many_attempts" });
    const bystander = await makeUser();
    await expect(authorizeCredentials({ login: bystander.email, password: "correct horse battery" })).resolves.toMatchObject({ id: String(bystander.id) });
  });
});
