import { eq, or, sql } from "drizzle-orm";
import { z } from "zod";
import { hashPassword } from "@/lib/crypto";
import { getDb, users } from "@/lib/db";
import { groupPathError } from "@/lib/groups/path-rules";

export type User = typeof users.$inferSelect;
export type PublicUser = Omit<User, "passwordHash">;

export const newUserSchema = z.object({
  username: z
    .string()
    .trim()
    .min(2, "Username is too short (minimum is 2 characters).")
    .max(255)
    .refine((u) => groupPathError(u, true) === null, {
      message: "Username can contain only letters, digits, '_', '-' and '.', cannot start with '-', end in '.', and cannot be a reserved name.",
    }),
  email: z.string().trim().email("Email is invalid.").max(254),
  name: z.string().trim().min(1, "Name can't be blank.").max(255),
  password: z.string().min(8, "Password is too short (minimum is 8 characters).").max(128),
});
export type NewUser = z.infer<typeof newUserSchema>;

export class UserExistsError extends Error {
  constructor(public readonly field: "username" | "email") {
    super(field === "username" ? "Username has already been taken." : "Email has already been taken.");
  }
}

// Serialises account creation so that exactly one account, the first, becomes administrator.
const CREATE_USER_LOCK = 7_264_002;

/** Creates an account. The first account of the instance is made administrator whatever `admin` says. */
export async function createUser(input: NewUser & { admin?: boolean }): Promise<PublicUser> {
  const data = newUserSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  return getDb().transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${CREATE_USER_LOCK})`);
    const clash = await tx
      .select({ username: users.username, email: users.email })
      .from(users)
      .where(or(sql`lower(${users.username}) = lower(${data.username})`, sql`lower(${users.email}) = lower(${data.email})`))
      .limit(1);
    if (clash[0]) throw new UserExistsError(clash[0].username.toLowerCase() === data.username.toLowerCase() ? "username" : "email");
    // Placeholders made by imports are not accounts: the first human is the administrator.
    const [{ count } = { count: 0 }] = await tx.select({ count: sql<number>`count(*)::int` }).from(users).where(eq(users.userType, "human"));
    const [created] = await tx
      .insert(users)
      .values({
        username: data.username,
        email: data.email,
        name: data.name,
        passwordHash,
        isAdmin: count === 0 || Boolean(input.admin),
        confirmedAt: new Date(),
      })
      .returning();
    return withoutPassword(created!);
  });
}

export function withoutPassword(user: User): PublicUser {
  const { passwordHash: _omit, ...rest } = user;
  void _omit;
  return rest;
}

/** A user by username or email, case-insensitively, as the sign-in form accepts either. */
export async function findUserByLogin(login: string): Promise<User | undefined> {
  const [user] = await getDb()
    .select()
    .from(users)
    .where(or(sql`lower(${users.username}) = lower(${login})`, sql`lower(${users.email}) = lower(${login})`))
    .limit(1);
  return user;
}

export async function getUserById(id: number): Promise<PublicUser | undefined> {
  const [user] = await getDb().select().from(users).where(eq(users.id, id)).limit(1);
  return user ? withoutPassword(user) : undefined;
}

/** Accounts of people; placeholder users of imports do not count. */
export async function countUsers(): Promise<number> {
  const [row] = await getDb().select({ count: sql<number>`count(*)::int` }).from(users).where(eq(users.userType, "human"));
  return row?.count ?? 0;
}

export { mapSourceUser, placeholderUsername, type SourceUserInput } from "./mapping";
export { USER_REFERENCES, countReferences, type UserReference } from "./references";
export { assertPlaceholderManager, canManagePlaceholders, listPlaceholders, listPlaceholderIdentities, reassignPlaceholder, searchReassignTargets, PlaceholderError, type PlaceholderRow, type PlaceholderIdentity } from "./placeholders";
export { applyReassignmentCsv, parseReassignmentCsv, CSV_MAX_BYTES, type CsvLineResult } from "./reassign-csv";
