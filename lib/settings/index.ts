import { eq, sql } from "drizzle-orm";
import { getConfig } from "@/lib/config";
import { appSettings, getDb } from "@/lib/db";

export interface Settings {
  signupEnabled: boolean;
  allowLocalSources: boolean;
  allowInsecureSources: boolean;
  directTransferEnabled: boolean;
}

export async function getSettings(): Promise<Settings> {
  const [row] = await getDb().select().from(appSettings).where(eq(appSettings.id, 1));
  return {
    signupEnabled: row?.signupEnabled ?? true,
    allowLocalSources: row?.allowLocalSources ?? false,
    allowInsecureSources: row?.allowInsecureSources ?? false,
    directTransferEnabled: row?.directTransferEnabled ?? true,
  };
}

export async function updateSettings(changes: Partial<Settings>): Promise<Settings> {
  await getDb()
    .insert(appSettings)
    .values({ id: 1, ...changes })
    .onConflictDoUpdate({ target: appSettings.id, set: { ...changes, updatedAt: sql`now()` } });
  return getSettings();
}

/**
 * What the source URL policy allows: the environment can open it up for every user, the admin setting too; link-local
 * and cloud metadata addresses only the environment, since they can reach the host's own credentials.
 */
export async function sourcePolicy(): Promise<{ allowLocal: boolean; allowLinkLocal: boolean; allowInsecure: boolean }> {
  const config = getConfig();
  const settings = await getSettings();
  return {
    allowLocal: config.FERRY_ALLOW_LOCAL_SOURCES || settings.allowLocalSources,
    allowLinkLocal: config.FERRY_ALLOW_LINK_LOCAL_SOURCES,
    allowInsecure: config.FERRY_ALLOW_INSECURE_SOURCES || settings.allowInsecureSources,
  };
}
