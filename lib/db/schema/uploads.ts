import { sql } from "drizzle-orm";
import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { bulkImportEntities } from "./imports";
import { oneOwner, ownerColumns, perOwner } from "./owner";

/**
 * A file attached to a group or a project (markdown uploads; a group's are served at
 * /groups/<path>/-/uploads/<secret>/<filename>). The bytes live under the data directory at `storagePath`; `sha256`
 * lets an import that runs again skip a file it has.
 */
export const uploads = pgTable(
  "uploads",
  {
    id: serial("id").primaryKey(),
    ...ownerColumns(),
    secret: text("secret").notNull(),
    filename: text("filename").notNull(),
    storagePath: text("storage_path").notNull(),
    size: integer("size").notNull(),
    contentType: text("content_type").notNull().default("application/octet-stream"),
    sha256: text("sha256").notNull(),
    uploadedById: integer("uploaded_by_id").references(() => users.id, { onDelete: "set null" }),
    importEntityId: integer("import_entity_id").references(() => bulkImportEntities.id, { onDelete: "set null" }),
    /** The upload's path on the source (`<secret>/<filename>`), for rewriting markdown links. */
    importKey: text("import_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    ...perOwner(t, (owner) => uniqueIndex(`uploads_${owner}_secret_idx`), (owner) => [owner, t.secret, t.filename]),
    oneOwner("uploads", t),
    index("uploads_import_idx").on(t.importEntityId, t.importKey).where(sql`${t.importKey} IS NOT NULL`),
  ],
);
