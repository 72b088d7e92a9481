import { eq, sql } from "drizzle-orm";
import { getConfig } from "@/lib/config";
import { appSettings, getDb } from "@/lib/db";

export interface Settings {
  signupEnabled: boolean;
  allowLocalSources: boolean;
  allowInsecureSources: boolean;
  directTransferEnabled: boolean;
  fileExportEnabled: boolean;
  fileImportEnabled: boolean;
  maxImportSizeMb: number;
  rateLimits: RateLimits;
}

/** GitLab's import/export rate limits: uses per user (downloads: per user and portable) and minute; 0 is no limit. */
export interface RateLimits {
  groupImport: number;
  groupExport: number;
  groupDownloadExport: number;
  projectImport: number;
  projectExport: number;
  projectDownloadExport: number;
}

export type RateLimitedAction = keyof RateLimits;

export async function getSettings(): Promise<Settings> {
  const [row] = await getDb().select().from(appSettings).where(eq(appSettings.id, 1));
  return {
    signupEnabled: row?.signupEnabled ?? true,
    allowLocalSources: row?.allowLocalSources ?? false,
    allowInsecureSources: row?.allowInsecureSources ?? false,
    directTransferEnabled: row?.directTransferEnabled ?? true,
    fileExportEnabled: row?.fileExportEnabled ?? true,
    fileImportEnabled: row?.fileImportEnabled ?? true,
    maxImportSizeMb: row?.maxImportSizeMb ?? 0,
    rateLimits: {
      groupImport: row?.groupImportLimit ?? 6,
      groupExport: row?.groupExportLimit ?? 6,
      groupDownloadExport: row?.groupDownloadExportLimit ?? 1,
      projectImport: row?.projectImportLimit ?? 6,
      projectExport: row?.projectExportLimit ?? 6,
      projectDownloadExport: row?.projectDownloadExportLimit ?? 1,
    },
  };
}

export async function updateSettings(changes: Partial<Settings>): Promise<Settings> {
  const { rateLimits, ...flat } = changes;
  const columns = {
    ...flat,
    ...(rateLimits
      ? {
          groupImportLimit: rateLimits.groupImport,
          groupExportLimit: rateLimits.groupExport,
          groupDownloadExportLimit: rateLimits.groupDownloadExport,
          projectImportLimit: rateLimits.projectImport,
          projectExportLimit: rateLimits.projectExport,
          projectDownloadExportLimit: rateLimits.projectDownloadExport,
        }
      : {}),
  };
  await getDb()
    .insert(appSettings)
    .values({ id: 1, ...columns })
    .onConflictDoUpdate({ target: appSettings.id, set: { ...columns, updatedAt: sql`now()` } });
  return getSettings();
}

export interface SourcePolicy {
  allowLocal: boolean;
  allowLinkLocal: boolean;
  allowInsecure: boolean;
}

/**
 * What the source URL policy allows: the environment can open it up for every user, the admin setting too; link-local
 * and cloud metadata addresses only the environment, since they can reach the host's own credentials.
 */
export async function sourcePolicy(): Promise<SourcePolicy> {
  return sourcePolicyOf(await getSettings());
}

/** The policy of settings read with something else (the engine reads them with each job's rows, in one statement). */
export function sourcePolicyOf(settings: { allowLocalSources: boolean | null; allowInsecureSources: boolean | null }): SourcePolicy {
  const config = getConfig();
  return {
    allowLocal: config.FERRY_ALLOW_LOCAL_SOURCES || (settings.allowLocalSources ?? false),
    allowLinkLocal: config.FERRY_ALLOW_LINK_LOCAL_SOURCES,
    allowInsecure: config.FERRY_ALLOW_INSECURE_SOURCES || (settings.allowInsecureSources ?? false),
  };
}
