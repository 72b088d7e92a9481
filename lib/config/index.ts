import path from "node:path";
import { z } from "zod";
import { loadSecrets, type Secrets } from "./secrets";

const bool = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", ""])
    .optional()
    .transform((v) => (v === undefined || v === "" ? fallback : v === "true" || v === "1"));

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().default("0.0.0.0"),
  // GitLab's external_url: where users reach Ferry, for the addresses imports write into text (references).
  FERRY_EXTERNAL_URL: z.string().url().regex(/^https?:\/\//i, "must be an http(s) URL").optional().or(z.literal("").transform(() => undefined)),
  DATABASE_URL: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  FERRY_DATA_DIR: z.string().default(".data"),
  AUTH_SECRET: z.string().min(32).optional(),
  FERRY_ENCRYPTION_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, "must be 32 bytes in base64")
    .optional(),
  FERRY_WORKER: bool(true),
  FERRY_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(5),
  FERRY_WORKER_NICE: z.coerce.number().int().min(0).max(19).default(19),
  FERRY_DB_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  FERRY_ALLOW_INSECURE_SOURCES: bool(false),
  FERRY_ALLOW_LOCAL_SOURCES: bool(false),
  // Apart from local sources: link-local and cloud metadata addresses hand out the host's cloud credentials.
  FERRY_ALLOW_LINK_LOCAL_SOURCES: bool(false),
  FERRY_SIGN_IN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  FERRY_SIGN_IN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  FERRY_IMPORT_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(5),
  FERRY_IMPORT_LOAD_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  FERRY_IMPORT_TIMEOUT_HOURS: z.coerce.number().positive().default(24),
  FERRY_IMPORT_NUDGE_SECONDS: z.coerce.number().int().min(5).default(30),
  FERRY_IMPORT_JOB_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(900),
  // POST /projects/remote-import-s3: an S3-compatible store (MinIO, Ceph...) instead of AWS, addressed path-style.
  FERRY_S3_ENDPOINT: z.string().url().regex(/^https:\/\/[^/?#]+\/?$/i, "must be an https:// origin").optional().or(z.literal("").transform(() => undefined)),
  FERRY_IMPORT_MAX_DOWNLOAD_MB: z.coerce.number().int().min(1).default(5120),
  FERRY_IMPORT_MAX_LINE_MB: z.coerce.number().int().min(1).default(50),
  // GitLab's max_decompressed_archive_size default: the bound on an uploaded export archive, unpacked.
  FERRY_IMPORT_MAX_DECOMPRESSED_MB: z.coerce.number().int().min(1).default(25600),
  FERRY_IMPORT_MAX_PARSE_SECONDS: z.coerce.number().int().min(1).default(120),
  FERRY_IMPORT_MAX_FAILURES_PER_RELATION: z.coerce.number().int().min(1).default(1000),
  FERRY_IMPORT_MAX_CONSECUTIVE_BAD_LINES: z.coerce.number().int().min(1).default(1000),
  FERRY_IMPORT_STARTS_PER_MINUTE: z.coerce.number().int().min(1).default(6),
  FERRY_API_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  FERRY_GIT_READ_CACHE_MB: z.coerce.number().int().min(0).default(64),
  FERRY_QUEUE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default("pgboss"),
  FERRY_QUEUE_POLL_SECONDS: z.coerce.number().min(0.5).default(30),
  FERRY_QUEUE_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).default(60),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Config = z.infer<typeof schema> & { dataDir: string };

let cached: Config | undefined;

export class ConfigError extends Error {}

export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return { ...result.data, dataDir: path.resolve(result.data.FERRY_DATA_DIR) };
}

/** Ferry's base URL without a trailing slash: FERRY_EXTERNAL_URL, else this host on its port (GitLab's default). */
export function externalUrl(config: Config = getConfig()): string {
  return (config.FERRY_EXTERNAL_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, "");
}

export function getConfig(): Config {
  cached ??= parseConfig();
  return cached;
}

let secrets: Secrets | undefined;

/** Secrets from the environment, or generated once into the data directory so restarts keep sessions and tokens valid. */
export function getSecrets(): Secrets {
  if (!secrets) {
    const config = getConfig();
    secrets = loadSecrets(config.dataDir, {
      authSecret: config.AUTH_SECRET,
      encryptionKey: config.FERRY_ENCRYPTION_KEY,
    });
  }
  return secrets;
}

export type { Secrets };
