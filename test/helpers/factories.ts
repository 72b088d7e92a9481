import { randomBytes } from "node:crypto";
import { createUser } from "@/lib/users";

/** A unique suffix: integration tests share one database, so every row they make must not collide. */
export const unique = (prefix = "u") => `${prefix}${randomBytes(5).toString("hex")}`;

export async function makeUser(overrides: { admin?: boolean; username?: string; email?: string } = {}) {
  const username = overrides.username ?? unique("user");
  return createUser({ username, email: overrides.email ?? `${username}@example.com`, name: `Test ${username}`, password: "correct horse battery", admin: overrides.admin });
}
