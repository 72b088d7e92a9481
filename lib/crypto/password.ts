import { hash, verify } from "@node-rs/argon2";

// Here, below both lib/users (which hashes on account creation) and lib/auth (which verifies on sign-in), so that
// neither of those has to import the other for it.

// Argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended floor.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Spends the same time as a real check, so a missing account cannot be told from a wrong password by timing. */
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hash("ferry-timing-equaliser");
  await verify(await dummyHash, password).catch(() => false);
}
