import { eq, sql } from "drizzle-orm";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { getDb, sourceConnections } from "@/lib/db";
import { connectSource } from "@/lib/gitlab";
import { sourcePolicy } from "@/lib/settings";

/** What the pages may know of a user's source connection: never the token. */
export interface Connection {
  url: string;
  host: string;
  version: string;
  enterprise: boolean;
  sourceUsername: string | null;
}

/** For the server only (lib/migration and the source-group list): the connection with its token decrypted. */
export interface ConnectionWithToken extends Connection {
  token: string;
}

type Row = typeof sourceConnections.$inferSelect;

function toConnection(row: Row): Connection {
  return {
    url: row.url,
    host: new URL(row.url).host,
    version: row.version,
    enterprise: row.enterprise,
    sourceUsername: row.sourceUsername,
  };
}

async function findRow(userId: number): Promise<Row | undefined> {
  const [row] = await getDb().select().from(sourceConnections).where(eq(sourceConnections.userId, userId)).limit(1);
  return row;
}

export async function getConnection(userId: number): Promise<Connection | null> {
  const row = await findRow(userId);
  return row ? toConnection(row) : null;
}

export async function getConnectionWithToken(userId: number): Promise<ConnectionWithToken | null> {
  const row = await findRow(userId);
  return row ? { ...toConnection(row), token: decryptSecret(row.tokenCiphertext) } : null;
}

/**
 * Checks the source and the token (connectSource throws a SourceError whose message is meant for the user) and only
 * then stores them, replacing any earlier connection: a failed switch leaves the working connection in place.
 */
export async function connect(userId: number, url: string, token: string): Promise<Connection> {
  const checked = await connectSource({ url, token, ...(await sourcePolicy()) });
  const values = {
    url: checked.url,
    version: checked.versionString,
    enterprise: checked.isEnterprise,
    sourceUsername: checked.user.username,
    tokenCiphertext: encryptSecret(token.trim()),
  };
  const [row] = await getDb()
    .insert(sourceConnections)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: sourceConnections.userId, set: { ...values, updatedAt: sql`now()` } })
    .returning();
  return toConnection(row!);
}

/** Forgets the connection. Imports already started keep their own copy of the token and go on. */
export async function disconnect(userId: number): Promise<boolean> {
  const deleted = await getDb().delete(sourceConnections).where(eq(sourceConnections.userId, userId)).returning({ id: sourceConnections.id });
  return deleted.length > 0;
}
