import { and, asc, eq, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { ACCESS_LEVELS, getDb, sourceUserMappings, sourceUsers, users, containing } from "@/lib/db";
import { findGroup } from "@/lib/groups";
import type { Viewer } from "@/lib/viewer";
import { countReferences, moveReferences } from "./references";

export type PlaceholderStatus = "mapped" | "placeholder" | "reassigned";

export interface PlaceholderRow {
  mappingId: number;
  sourceUrl: string;
  sourceUserId: number;
  sourceUsername: string;
  sourceName: string | null;
  sourcePublicEmail: string | null;
  status: PlaceholderStatus;
  placeholder: { id: number; username: string; name: string } | null;
  /** The account contributions point at now (the placeholder itself while awaiting reassignment). */
  user: { id: number; username: string; name: string };
  /** Contributions per reference while awaiting reassignment (memberships...), null once they belong to a real account. */
  contributions: Record<string, number> | null;
  reassignedAt: Date | null;
}

/** A refusal the owner can act on, with the HTTP-ish status a route would answer. */
export class PlaceholderError extends Error {
  constructor(
    message: string,
    public readonly status: 403 | 404 | 409 | 422 = 422,
  ) {
    super(message);
  }
}


/** Placeholders belong to a top-level group; only its owners (and admins) manage them, as on GitLab. */
export function canManagePlaceholders(viewer: Viewer, group: { parentId: number | null; accessLevel: number | null }): boolean {
  return group.parentId === null && (viewer.isAdmin || (group.accessLevel ?? 0) >= ACCESS_LEVELS.owner);
}

/** Owners of a top-level group (and admins) manage its placeholders; everyone else is told it does not exist. */
export async function assertPlaceholderManager(viewer: Viewer, rootGroupId: number): Promise<void> {
  const group = await findGroup(viewer, rootGroupId);
  if (!group || group.parentId !== null) throw new PlaceholderError("Group not found.", 404);
  if (!canManagePlaceholders(viewer, group)) throw new PlaceholderError("Only group owners can manage placeholder users.", 403);
}

const statusSql = sql<PlaceholderStatus>`CASE WHEN ${sourceUserMappings.placeholderUserId} IS NULL THEN 'mapped' WHEN ${sourceUserMappings.reassignedAt} IS NULL THEN 'placeholder' ELSE 'reassigned' END`;

/** The source users mapped inside a top-level group, placeholders awaiting reassignment first. */
export async function listPlaceholders(
  viewer: Viewer,
  rootGroupId: number,
  options: { search?: string; status?: PlaceholderStatus; page: number; perPage: number },
): Promise<{ rows: PlaceholderRow[]; total: number }> {
  await assertPlaceholderManager(viewer, rootGroupId);
  const placeholderUser = alias(users, "placeholder_user");
  const where: SQL[] = [eq(sourceUserMappings.rootGroupId, rootGroupId)];
  if (options.status === "mapped") where.push(isNull(sourceUserMappings.placeholderUserId));
  if (options.status === "placeholder") where.push(isNotNull(sourceUserMappings.placeholderUserId), isNull(sourceUserMappings.reassignedAt));
  if (options.status === "reassigned") where.push(isNotNull(sourceUserMappings.reassignedAt));
  if (options.search) {
    const like = containing(options.search.toLowerCase());
    where.push(
      or(
        sql`lower(${sourceUsers.username}) LIKE ${like}`,
        sql`lower(coalesce(${sourceUsers.name}, '')) LIKE ${like}`,
        sql`lower(coalesce(${sourceUsers.publicEmail}, '')) LIKE ${like}`,
        sql`lower(${users.username}) LIKE ${like}`,
      )!,
    );
  }
  const db = getDb();
  const base = db
    .select({
      mapping: sourceUserMappings,
      source: sourceUsers,
      user: { id: users.id, username: users.username, name: users.name },
      placeholder: { id: placeholderUser.id, username: placeholderUser.username, name: placeholderUser.name },
      status: statusSql,
    })
    .from(sourceUserMappings)
    .innerJoin(sourceUsers, eq(sourceUsers.id, sourceUserMappings.sourceUserId))
    .innerJoin(users, eq(users.id, sourceUserMappings.userId))
    .leftJoin(placeholderUser, eq(placeholderUser.id, sourceUserMappings.placeholderUserId))
    .where(and(...where));
  const [rows, [count]] = await Promise.all([
    base
      .orderBy(sql`CASE WHEN ${sourceUserMappings.placeholderUserId} IS NOT NULL AND ${sourceUserMappings.reassignedAt} IS NULL THEN 0 ELSE 1 END`, asc(sourceUsers.username), asc(sourceUserMappings.id))
      .limit(options.perPage)
      .offset((options.page - 1) * options.perPage),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(sourceUserMappings)
      .innerJoin(sourceUsers, eq(sourceUsers.id, sourceUserMappings.sourceUserId))
      .innerJoin(users, eq(users.id, sourceUserMappings.userId))
      .where(and(...where)),
  ]);
  const awaiting = rows.filter((r) => r.status === "placeholder").map((r) => r.user.id);
  const counts = await countReferences(db, awaiting);
  return {
    total: count?.total ?? 0,
    rows: rows.map((r) => ({
      mappingId: r.mapping.id,
      sourceUrl: r.source.sourceUrl,
      sourceUserId: r.source.sourceUserId,
      sourceUsername: r.source.username,
      sourceName: r.source.name,
      sourcePublicEmail: r.source.publicEmail,
      status: r.status,
      placeholder: r.placeholder?.id ? (r.placeholder as { id: number; username: string; name: string }) : null,
      user: r.user,
      contributions: r.status === "placeholder" ? (counts.get(r.user.id) ?? {}) : null,
      reassignedAt: r.mapping.reassignedAt,
    })),
  };
}

export interface PlaceholderIdentity {
  sourceUrl: string;
  sourceUsername: string;
  sourceName: string | null;
  sourcePublicEmail: string | null;
}

/** For lists of users (members): which of them are placeholders, and of whom on which source. */
export async function listPlaceholderIdentities(userIds: number[]): Promise<Map<number, PlaceholderIdentity>> {
  if (userIds.length === 0) return new Map();
  const rows = await getDb()
    .select({ userId: sourceUserMappings.placeholderUserId, source: sourceUsers })
    .from(sourceUserMappings)
    .innerJoin(sourceUsers, eq(sourceUsers.id, sourceUserMappings.sourceUserId))
    .innerJoin(users, eq(users.id, sourceUserMappings.placeholderUserId))
    .where(and(inArray(sourceUserMappings.placeholderUserId, userIds), eq(users.userType, "placeholder")));
  return new Map(
    rows.map((r) => [r.userId!, { sourceUrl: r.source.sourceUrl, sourceUsername: r.source.username, sourceName: r.source.name, sourcePublicEmail: r.source.publicEmail }]),
  );
}

/** Real accounts a placeholder can be reassigned to, matching username or name. */
export async function searchReassignTargets(query: string, limit = 10): Promise<{ id: number; username: string; name: string }[]> {
  const like = containing(query.trim().toLowerCase());
  return getDb()
    .select({ id: users.id, username: users.username, name: users.name })
    .from(users)
    .where(and(eq(users.userType, "human"), eq(users.state, "active"), or(sql`lower(${users.username}) LIKE ${like}`, sql`lower(${users.name}) LIKE ${like}`)))
    .orderBy(asc(users.username))
    .limit(limit);
}

/**
 * Moves everything of a placeholder user (every registered reference: memberships now, authors later) to a real
 * account, in one transaction, and records who did it. The mapping then points at the account, so a later import into
 * the same top-level group maps that source user straight to it.
 */
export async function reassignPlaceholder(owner: Viewer, placeholderUserId: number, targetUserId: number): Promise<void> {
  const [mapping] = await getDb().select().from(sourceUserMappings).where(eq(sourceUserMappings.placeholderUserId, placeholderUserId)).limit(1);
  if (!mapping) throw new PlaceholderError("Placeholder user not found.", 404);
  await assertPlaceholderManager(owner, mapping.rootGroupId);
  await getDb().transaction(async (tx) => {
    // Locks the mapping: two owners reassigning the same placeholder at once cannot both move it.
    const [current] = await tx.select().from(sourceUserMappings).where(eq(sourceUserMappings.id, mapping.id)).for("update");
    if (!current) throw new PlaceholderError("Placeholder user not found.", 404);
    if (current.reassignedAt) throw new PlaceholderError("This placeholder user has already been reassigned.", 409);
    const [target] = await tx.select({ id: users.id, userType: users.userType, state: users.state }).from(users).where(eq(users.id, targetUserId)).limit(1);
    if (!target) throw new PlaceholderError("User not found.", 404);
    if (target.userType !== "human") throw new PlaceholderError("A placeholder user cannot be reassigned to another placeholder user.");
    if (target.state !== "active") throw new PlaceholderError("A placeholder user cannot be reassigned to a blocked user.");
    await moveReferences(tx, placeholderUserId, target.id);
    await tx
      .update(sourceUserMappings)
      .set({ userId: target.id, reassignedAt: new Date(), reassignedById: owner.id })
      .where(eq(sourceUserMappings.id, mapping.id));
  });
}
