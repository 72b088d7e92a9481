import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, personalAccessTokens, users } from "@/lib/db";
import { withoutPassword, type PublicUser } from "@/lib/users";
import { TOKEN_SCOPES, type TokenScope } from "./scopes";

export { TOKEN_SCOPES, type TokenScope };

// GitLab's prefix, so secret scanners that know GitLab tokens also catch leaked Ferry tokens.
const PREFIX = "glpat-";

export const newTokenSchema = z.object({
  name: z.string().trim().min(1, "Token name can't be blank.").max(255),
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1, "Select at least one scope."),
  expiresAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Expiration date must be a date (YYYY-MM-DD).")
    .refine((d) => !Number.isNaN(Date.parse(d)), "Expiration date is not a valid date.")
    .refine((d) => d > new Date().toISOString().slice(0, 10), "Expiration date must be in the future.")
    .optional(),
});

export type TokenRecord = Omit<typeof personalAccessTokens.$inferSelect, "tokenDigest">;

const digest = (token: string) => createHash("sha256").update(token).digest("hex");

/** Creates a token; the plain value is returned this once and only its digest is stored. */
export async function createPersonalAccessToken(
  userId: number,
  input: z.input<typeof newTokenSchema>,
): Promise<{ token: string; record: TokenRecord }> {
  const data = newTokenSchema.parse(input);
  const [owner] = await getDb().select({ userType: users.userType }).from(users).where(eq(users.id, userId));
  if (owner?.userType !== "human") throw new Error("Tokens can only be created for real accounts, not placeholder users.");
  const token = PREFIX + randomBytes(20).toString("base64url");
  const [row] = await getDb()
    .insert(personalAccessTokens)
    .values({ userId, name: data.name, scopes: [...new Set(data.scopes)], tokenDigest: digest(token), expiresAt: data.expiresAt ?? null })
    .returning();
  const { tokenDigest: _d, ...record } = row!;
  void _d;
  return { token, record };
}

export async function listPersonalAccessTokens(userId: number): Promise<(TokenRecord & { active: boolean })[]> {
  const rows = await getDb()
    .select()
    .from(personalAccessTokens)
    .where(eq(personalAccessTokens.userId, userId))
    .orderBy(desc(personalAccessTokens.createdAt));
  return rows.map((row) => {
    const { tokenDigest: _digest, ...record } = row;
    void _digest;
    return { ...record, active: isActive(record) };
  });
}

export async function revokePersonalAccessToken(userId: number, tokenId: number): Promise<boolean> {
  const result = await getDb()
    .update(personalAccessTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(personalAccessTokens.id, tokenId), eq(personalAccessTokens.userId, userId), isNull(personalAccessTokens.revokedAt)));
  return (result.rowCount ?? 0) > 0;
}

// GitLab tokens stop working at 00:00 UTC on their expiry date.
function isActive(token: { revokedAt: Date | null; expiresAt: string | null }): boolean {
  if (token.revokedAt) return false;
  return !token.expiresAt || token.expiresAt > new Date().toISOString().slice(0, 10);
}

export interface TokenIdentity {
  user: PublicUser;
  token: TokenRecord;
  scopes: TokenScope[];
}

/** The user behind a raw token, or null when it is unknown, revoked, expired or its user is blocked. */
export async function authenticateToken(raw: string): Promise<TokenIdentity | null> {
  if (!raw.startsWith(PREFIX) || raw.length > 100) return null;
  const wanted = digest(raw);
  const [row] = await getDb()
    .select({ token: personalAccessTokens, user: users })
    .from(personalAccessTokens)
    .innerJoin(users, eq(users.id, personalAccessTokens.userId))
    .where(eq(personalAccessTokens.tokenDigest, wanted))
    .limit(1);
  if (!row) return null;
  if (!timingSafeEqual(Buffer.from(row.token.tokenDigest), Buffer.from(wanted))) return null;
  // Placeholder users stand in for people of another instance: they never act, with or without a token.
  if (!isActive(row.token) || row.user.state !== "active" || row.user.userType !== "human") return null;
  // Written at most once a minute per token, so a busy script does not turn every read into a write.
  if (!row.token.lastUsedAt || Date.now() - row.token.lastUsedAt.getTime() > 60_000) {
    await getDb()
      .update(personalAccessTokens)
      .set({ lastUsedAt: sql`now()` })
      .where(eq(personalAccessTokens.id, row.token.id));
  }
  const { tokenDigest: _d, ...token } = row.token;
  void _d;
  return { user: withoutPassword(row.user), token, scopes: token.scopes.filter((s): s is TokenScope => (TOKEN_SCOPES as readonly string[]).includes(s)) };
}
