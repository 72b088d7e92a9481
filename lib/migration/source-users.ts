import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { type Db, getDb, sourceUserMappings, sourceUsers, type Tx } from "@/lib/db";
import { isSourceError, type SourceClient } from "@/lib/gitlab";
import { mapSourceUser, type SourceUserInput } from "@/lib/users";
import { ownerOf, ownerScope } from "./pipelines/support/owner";
import type { EntityContext } from "./pipelines/support/types";


/** A source user as a record names it: its id, and what the record tells of it (an author's `{ name }`, a username). */
export interface SourceUserRef {
  id: number;
  username?: string | null;
  name?: string | null;
}

// GitLab's importers ask the source for users a few at a time; more would only queue behind its rate limit.
const FETCH_CONCURRENCY = 4;
// Source users already looked at (or being looked at), per entity: a chunk mostly names the users of the chunks
// before it, and concurrent batches of one entity wait for the same request instead of making their own.
const CACHED_ENTITIES = 64;
const resolved = new Map<number, Map<number, Promise<void>>>();
// Source users known to be mapped in an entity's top-level group: a chunk loads without mapping any of them again.
const mappedUsers = new Map<number, Set<number>>();

function cachedFor<T>(cache: Map<number, T>, entityId: number, empty: () => T): T {
  const known = cache.get(entityId) ?? empty();
  cache.delete(entityId);
  cache.set(entityId, known);
  if (cache.size > CACHED_ENTITIES) cache.delete(cache.keys().next().value!);
  return known;
}

const resolvedFor = (entityId: number) => cachedFor(resolved, entityId, () => new Map<number, Promise<void>>());

const text = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value : null);

/** GET /users/:id; null when the source has no such user for this token (deleted, or not visible to it). */
async function fetchSourceUser(client: SourceClient, id: number): Promise<SourceUserInput | null> {
  try {
    const { data } = await client.get<Record<string, unknown>>(`/users/${id}`);
    const username = text(data?.username);
    if (!username) return null;
    return { id, username, name: text(data.name), publicEmail: text(data.public_email) };
  } catch (error) {
    // A busy or unreachable source fails the batch, which is retried; anything else will not change on a retry.
    if (isSourceError(error) && !error.retryable) return null;
    throw error;
  }
}

async function storeSourceUser(sourceUrl: string, user: SourceUserInput): Promise<void> {
  await getDb()
    .insert(sourceUsers)
    .values({ sourceUrl, sourceUserId: user.id, username: user.username, name: user.name ?? null, publicEmail: user.publicEmail ?? null })
    .onConflictDoUpdate({
      target: [sourceUsers.sourceUrl, sourceUsers.sourceUserId],
      set: {
        username: sql`excluded.username`,
        name: sql`coalesce(excluded.name, ${sourceUsers.name})`,
        publicEmail: sql`coalesce(excluded.public_email, ${sourceUsers.publicEmail})`,
        updatedAt: new Date(),
      },
    });
}

/**
 * Makes sure the source users these records name are known with a name (members exports carry none; authors come as
 * bare ids): the ones not stored yet, or stored without a name, are read from the source with GET /users/:id, a few
 * at a time, and stored before this returns. Users the source does not show are left to `mapSourceUsers`, which makes
 * ghosts of them. Called outside any transaction, before a chunk is loaded.
 */
export async function fetchSourceUsers(client: SourceClient, scope: { sourceUrl: string; entityId: number }, refs: Iterable<SourceUserRef>): Promise<void> {
  const known = resolvedFor(scope.entityId);
  const ids = [...new Set([...refs].map((ref) => ref.id))].sort((a, b) => a - b);
  const unseen = ids.filter((id) => !known.has(id));
  if (unseen.length > 0) {
    const named = await getDb()
      .select({ id: sourceUsers.sourceUserId })
      .from(sourceUsers)
      .where(and(eq(sourceUsers.sourceUrl, scope.sourceUrl), inArray(sourceUsers.sourceUserId, unseen), isNotNull(sourceUsers.name)));
    for (const { id } of named) if (!known.has(id)) known.set(id, Promise.resolve());
    const missing = unseen.filter((id) => !known.has(id));
    let next = 0;
    // At most FETCH_CONCURRENCY requests at a time; each user's promise settles once it is stored.
    const slots = Array.from({ length: Math.min(FETCH_CONCURRENCY, missing.length) }, () => Promise.resolve());
    for (const id of missing) {
      const slot = next++ % slots.length;
      const work = slots[slot]!.then(async () => {
        const user = await fetchSourceUser(client, id);
        if (user) await storeSourceUser(scope.sourceUrl, user);
      });
      slots[slot] = work.catch(() => undefined);
      // A failed look-up is forgotten, so that the retried batch asks again.
      work.catch(() => known.delete(id));
      known.set(id, work);
    }
  }
  await Promise.all(ids.map((id) => known.get(id)));
}

/**
 * What a pipeline's `prepare` calls with the source users of a chunk: fetches them (`fetchSourceUsers`), then maps the
 * ones not mapped yet in the entity's top-level group, each in a short transaction of its own. Mapping inside the
 * chunk's transaction would hold the new mapping's row lock until the chunk commits, and every concurrent chunk naming
 * the same user would wait for it: measured, that queued the first chunks of parallel batches behind each other for
 * most of their time. A mapping made here and then not used (the chunk fails) is what a retry would make anyway.
 */
export async function prepareSourceUsers(client: SourceClient, entity: EntityContext, refs: readonly SourceUserRef[]): Promise<void> {
  await fetchSourceUsers(client, entity, refs);
  const mapped = cachedFor(mappedUsers, entity.entityId, () => new Set<number>());
  const unmapped = refs.filter((ref) => !mapped.has(ref.id));
  if (unmapped.length === 0) return;
  const db = getDb();
  const rootGroupId = (await ownerScope(db, ownerOf(entity))).groupIds[0];
  if (rootGroupId === undefined) return;
  const scope = { sourceUrl: entity.sourceUrl, rootGroupId };
  const stored = await storedUsers(db, scope, [...new Set(unmapped.map((ref) => ref.id))]);
  const pending = unmapped.filter((ref) => stored.get(ref.id)?.mappedTo == null);
  for (const [id, user] of stored) if (user.mappedTo != null) mapped.add(id);
  // Ascending ids, one transaction each: the order every loader takes, so that none of them can deadlock.
  for (const ref of [...pending].sort((a, b) => a.id - b.id)) {
    if (mapped.has(ref.id)) continue;
    await db.transaction((tx) => mapSourceUsers(tx, scope, pending.filter((other) => other.id === ref.id)));
    mapped.add(ref.id);
  }
}

/**
 * A source user the source would not show (deleted there, or hidden from the token). GitLab gives the contributions of
 * deleted users to its one "Ghost User"; here each such source user still gets a placeholder of its own (username
 * `ghost-<source id>`, the author name the export gave, else "Ghost User"), so that its contributions stay apart and
 * an owner can reassign them, and the same id always lands on the same placeholder (the mapping is stored).
 */
export function ghostSourceUser(ref: SourceUserRef): SourceUserInput {
  const username = text(ref.username);
  return { id: ref.id, username: username ?? `ghost-${ref.id}`, name: text(ref.name) ?? (username ? null : "Ghost User"), publicEmail: null };
}

interface StoredUser {
  input: SourceUserInput;
  mappedTo: number | null;
}

async function storedUsers(tx: Db | Tx, scope: { sourceUrl: string; rootGroupId: number | null }, ids: number[]): Promise<Map<number, StoredUser>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({
      id: sourceUsers.sourceUserId,
      username: sourceUsers.username,
      name: sourceUsers.name,
      publicEmail: sourceUsers.publicEmail,
      mappedTo: sourceUserMappings.userId,
    })
    .from(sourceUsers)
    .leftJoin(sourceUserMappings, and(eq(sourceUserMappings.sourceUserId, sourceUsers.id), sql`${sourceUserMappings.rootGroupId} = ${scope.rootGroupId ?? 0}`))
    .where(and(eq(sourceUsers.sourceUrl, scope.sourceUrl), inArray(sourceUsers.sourceUserId, ids)));
  return new Map(rows.map((r) => [r.id, { input: { id: r.id, username: r.username, name: r.name, publicEmail: r.publicEmail }, mappedTo: r.mappedTo }]));
}

/** The stored names of these source users (what GET /users/:id or an earlier export said), by source id. */
export async function storedSourceUserNames(tx: Tx, sourceUrl: string, ids: number[]): Promise<Map<number, string>> {
  const stored = await storedUsers(tx, { sourceUrl, rootGroupId: null }, ids);
  return new Map([...stored].flatMap(([id, user]) => (user.input.name ? [[id, user.input.name] as const] : [])));
}

/**
 * The local user each source user's contributions point at inside one top-level destination group, by source id.
 * Users mapped before cost one read for the lot; the others go through `mapSourceUser` with what is stored of them
 * (or a ghost), one by one in ascending id order, the order every loader takes, so concurrent loads cannot deadlock.
 */
export async function mapSourceUsers(tx: Tx, scope: { sourceUrl: string; rootGroupId: number }, refs: readonly SourceUserRef[]): Promise<Map<number, number>> {
  const hints = new Map<number, SourceUserRef>();
  for (const ref of refs) {
    const seen = hints.get(ref.id);
    hints.set(ref.id, { id: ref.id, username: seen?.username ?? ref.username, name: seen?.name ?? ref.name });
  }
  const ids = [...hints.keys()].sort((a, b) => a - b);
  const stored = await storedUsers(tx, scope, ids);
  const mapped = new Map<number, number>();
  for (const id of ids) {
    const known = stored.get(id);
    if (known?.mappedTo != null) {
      mapped.set(id, known.mappedTo);
      continue;
    }
    const hint = hints.get(id)!;
    const sourceUser = known ? { ...known.input, name: known.input.name ?? text(hint.name) } : ghostSourceUser(hint);
    mapped.set(id, await mapSourceUser(tx, { sourceUrl: scope.sourceUrl, rootGroupId: scope.rootGroupId, sourceUser }));
  }
  return mapped;
}
