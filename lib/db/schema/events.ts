import { index, integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { oneOwner, ownerColumns, perOwner } from "./owner";

/** Activity events (GitLab's `events`: created, closed, reopened...) about a target, in a group or a project. */
export const events = pgTable(
  "events",
  {
    id: serial("id").primaryKey(),
    ...ownerColumns(),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: integer("target_id"),
    sourceAttributes: jsonb("source_attributes").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("events_target_idx").on(t.targetType, t.targetId),
    index("events_author_idx").on(t.authorId),
    ...perOwner(t, (owner) => index(`events_${owner}_idx`), (owner) => [owner, t.createdAt]),
    oneOwner("events", t),
  ],
);
