import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { epics } from "./epics";
import { oneOwner, ownerColumns, perOwner } from "./owner";

/**
 * State changes of an epic (opened, closed, reopened), as GitLab's resource_state_events, owned by the group (or,
 * for issues and merge requests later, the project) of what changed.
 */
export const resourceStateEvents = pgTable(
  "resource_state_events",
  {
    id: serial("id").primaryKey(),
    ...ownerColumns(),
    epicId: integer("epic_id")
      .notNull()
      .references(() => epics.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    state: text("state").notNull(),
    closeAfterError: boolean("close_after_error").notNull().default(false),
    sourceAttributes: jsonb("source_attributes").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("resource_state_events_epic_idx").on(t.epicId, t.createdAt),
    index("resource_state_events_user_idx").on(t.userId),
    // What deleting a group or a project cascades through.
    ...perOwner(t, (owner) => index(`resource_state_events_${owner}_idx`), (owner) => [owner]),
    oneOwner("resource_state_events", t),
  ],
);
