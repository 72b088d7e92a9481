import { integer, jsonb, text } from "drizzle-orm/pg-core";
import { bulkImportEntities } from "./imports";

/**
 * Columns every imported record carries: the entity it came from and a key of the source record (its id, or its
 * position in the export), unique together, so that replaying a batch inserts nothing twice.
 */
export const importKey = () => ({
  importEntityId: integer("import_entity_id").references(() => bulkImportEntities.id, { onDelete: "set null" }),
  importKey: text("import_key"),
  /** What the source record carried beyond the columns, so that nothing it sent is lost. */
  sourceAttributes: jsonb("source_attributes").$type<Record<string, unknown>>().notNull().default({}),
});
