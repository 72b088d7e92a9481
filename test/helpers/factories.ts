import { randomBytes } from "node:crypto";
import { createUser, UserExistsError } from "@/lib/users";

/** A unique suffix: integration tests share one database, so every row they make must not collide. */
export const unique = (prefix = "u") => `${prefix}${randomBytes(5).toString("hex")}`;

/**
 * The instance's first account becomes administrator, so a test user that happened to be created first would see
 * everything. Every factory user is made after a dedicated first account, whichever test file runs first.
 */
let firstAccount: Promise<unknown> | undefined;
function ensureFirstAccount() {
  firstAccount ??= createUser({ username: "first-admin", email: "first-admin@example.com", name: "First Admin", password: "first admin password" }).catch((error) => {
    if (!(error instanceof UserExistsError)) throw error;
  });
  return firstAccount;
}

export async function makeUser(overrides: { admin?: boolean; username?: string; email?: string } = {}) {
  await ensureFirstAccount();
  const username = overrides.username ?? unique("user");
  return createUser({ username, email: overrides.email ?? `${username}@example.com`, name: `Test ${username}`, password: "correct horse battery", admin: overrides.admin });
}
