import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";

/**
 * An emoji reaction on an epic, a snippet or a note; a user awards one name once per thing. Like GitLab's `award_emoji` it has
 * no owner column: it belongs to its awardable, and goes with it.
 */
export const awardEmoji = pgTable(
  "award_emoji",
  {
    id: serial("id").primaryKey(),
    awardableType: text("awardable_type").notNull(),
    awardableId: integer("awardable_id").notNull(),
    name: text("name").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("award_emoji_unique_idx").on(t.awardableType, t.awardableId, t.name, t.userId),
    index("award_emoji_user_idx").on(t.userId),
  ],
);
