import { and, eq, isNotNull, sql } from "drizzle-orm";
import { sourceUserMappings, sourceUsers, type Tx, users } from "@/lib/db";


export interface SourceUserInput {
  id: number;
  username: string;
  name?: string | null;
  /** The source's public email (GitLab exports it as `public_email`, older fixtures as `email`). */
  publicEmail?: string | null;
}

// Placeholders never receive mail; `.invalid` is reserved (RFC 2606), so these addresses can never reach anyone.
const PLACEHOLDER_EMAIL_DOMAIN = "placeholder.ferry.invalid";

/** GitLab's placeholder username: `<source username>_placeholder_user_<n>`. */
export function placeholderUsername(sourceUsername: string, n: number): string {
  const base = sourceUsername.replace(/[^a-zA-Z0-9_.-]/g, "_").slice(0, 200) || "user";
  return `${base}_placeholder_user_${n}`;
}

/** Records (or refreshes) the source user and returns its row id. */
async function upsertSourceUser(tx: Tx, sourceUrl: string, user: SourceUserInput): Promise<number> {
  const values = { username: user.username, name: user.name ?? null, publicEmail: user.publicEmail || null, updatedAt: new Date() };
  const [row] = await tx
    .insert(sourceUsers)
    .values({ sourceUrl, sourceUserId: user.id, ...values })
    .onConflictDoUpdate({
      target: [sourceUsers.sourceUrl, sourceUsers.sourceUserId],
      // An export without a name or email must not erase what an earlier one told us.
      set: {
        username: values.username,
        name: sql`coalesce(excluded.name, ${sourceUsers.name})`,
        publicEmail: sql`coalesce(excluded.public_email, ${sourceUsers.publicEmail})`,
        updatedAt: values.updatedAt,
      },
    })
    .returning({ id: sourceUsers.id });
  return row!.id;
}

async function existingMapping(tx: Tx, sourceUserRowId: number, rootGroupId: number): Promise<number | undefined> {
  const [row] = await tx
    .select({ userId: sourceUserMappings.userId })
    .from(sourceUserMappings)
    .where(and(eq(sourceUserMappings.sourceUserId, sourceUserRowId), eq(sourceUserMappings.rootGroupId, rootGroupId)))
    .limit(1);
  return row?.userId;
}

/** A confirmed human account with this email (GitLab's `find_by_any_email(email, confirmed: true)`). */
async function userByEmail(tx: Tx, email: string | null | undefined): Promise<number | undefined> {
  if (!email) return undefined;
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${email})`, eq(users.userType, "human"), isNotNull(users.confirmedAt), eq(users.state, "active")))
    .limit(1);
  return row?.id;
}

/**
 * Inserts a placeholder with the first free `_placeholder_user_<n>` username. ON CONFLICT DO NOTHING waits for a
 * concurrent transaction holding the same name and then moves on to the next number, so races cannot fail the load.
 */
async function createPlaceholder(tx: Tx, user: SourceUserInput): Promise<number> {
  const prefix = placeholderUsername(user.username, 0).slice(0, -1);
  const [{ taken } = { taken: 0 }] = await tx
    .select({ taken: sql<number>`count(*)::int` })
    .from(users)
    .where(sql`lower(${users.username}) LIKE lower(${prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + "%"})`);
  for (let n = taken + 1; n < taken + 1000; n += 1) {
    const username = placeholderUsername(user.username, n);
    const [row] = await tx
      .insert(users)
      .values({
        username,
        email: `${username.toLowerCase()}@${PLACEHOLDER_EMAIL_DOMAIN}`,
        name: `Placeholder ${user.name || user.username}`,
        passwordHash: null,
        userType: "placeholder",
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (row) return row.id;
  }
  throw new Error(`No free placeholder username for ${user.username}`);
}

/**
 * The local user a source user's contributions and memberships point at inside a top-level destination group: the one
 * mapped earlier, else the confirmed human account with the source's public email, else a placeholder made once per
 * (source user, top-level group). Safe under concurrent calls: the unique mapping decides, a losing placeholder is
 * removed within the caller's transaction.
 */
export async function mapSourceUser(
  tx: Tx,
  input: { sourceUrl: string; rootGroupId: number; sourceUser: SourceUserInput },
): Promise<number> {
  const sourceUserRowId = await upsertSourceUser(tx, input.sourceUrl, input.sourceUser);
  const known = await existingMapping(tx, sourceUserRowId, input.rootGroupId);
  if (known !== undefined) return known;

  const matched = await userByEmail(tx, input.sourceUser.publicEmail);
  const placeholder = matched === undefined ? await createPlaceholder(tx, input.sourceUser) : undefined;
  const [inserted] = await tx
    .insert(sourceUserMappings)
    .values({ sourceUserId: sourceUserRowId, rootGroupId: input.rootGroupId, userId: matched ?? placeholder!, placeholderUserId: placeholder ?? null })
    .onConflictDoNothing({ target: [sourceUserMappings.sourceUserId, sourceUserMappings.rootGroupId] })
    .returning({ userId: sourceUserMappings.userId });
  if (inserted) return inserted.userId;

  // Another transaction mapped this source user first: use its answer and drop the placeholder nobody points at.
  if (placeholder !== undefined) await tx.delete(users).where(eq(users.id, placeholder));
  const winner = await existingMapping(tx, sourceUserRowId, input.rootGroupId);
  if (winner === undefined) throw new Error("Source user mapping vanished during import");
  return winner;
}
