import { sql } from "drizzle-orm";
import { boolean, date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const USER_TYPES = ["human", "placeholder"] as const;
export type UserType = (typeof USER_TYPES)[number];

export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    username: text("username").notNull(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    isAdmin: boolean("is_admin").notNull().default(false),
    state: text("state", { enum: ["active", "blocked"] }).notNull().default("active"),
    /** Placeholders stand in for source users of an import until reassigned: no password, never signed in. */
    userType: text("user_type", { enum: USER_TYPES }).notNull().default("human"),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_username_lower_idx").on(sql`lower(${t.username})`),
    uniqueIndex("users_email_lower_idx").on(sql`lower(${t.email})`),
  ],
);

export const personalAccessTokens = pgTable(
  "personal_access_tokens",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    scopes: text("scopes").array().notNull(),
    /** SHA-256 of the token: tokens carry 160 bits of randomness, so a slow hash adds nothing. */
    tokenDigest: text("token_digest").notNull(),
    expiresAt: date("expires_at"),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("pat_token_digest_idx").on(t.tokenDigest), index("pat_user_idx").on(t.userId, t.createdAt)],
);

export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: serial("id").primaryKey(),
    login: text("login").notNull(),
    ip: text("ip"),
    succeeded: boolean("succeeded").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_attempts_login_idx").on(t.login, t.createdAt)],
);

/** One row (id = 1): instance-wide settings an administrator changes at run time. */
export const appSettings = pgTable("app_settings", {
  id: integer("id").primaryKey().default(1),
  signupEnabled: boolean("signup_enabled").notNull().default(true),
  allowLocalSources: boolean("allow_local_sources").notNull().default(false),
  allowInsecureSources: boolean("allow_insecure_sources").notNull().default(false),
  directTransferEnabled: boolean("direct_transfer_enabled").notNull().default(true),
  // GitLab's project_export_enabled ("Allow export of groups and projects") and the "GitLab export" import source.
  fileExportEnabled: boolean("file_export_enabled").notNull().default(true),
  fileImportEnabled: boolean("file_import_enabled").notNull().default(true),
  /** GitLab's max_import_size in MiB; 0 is no limit of the administrator's (Ferry's own ceiling still holds). */
  maxImportSizeMb: integer("max_import_size_mb").notNull().default(0),
  // GitLab's Import and export rate limits, per user and minute; 0 turns one off.
  groupImportLimit: integer("group_import_limit").notNull().default(6),
  groupExportLimit: integer("group_export_limit").notNull().default(6),
  groupDownloadExportLimit: integer("group_download_export_limit").notNull().default(1),
  projectImportLimit: integer("project_import_limit").notNull().default(6),
  projectExportLimit: integer("project_export_limit").notNull().default(6),
  projectDownloadExportLimit: integer("project_download_export_limit").notNull().default(1),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
