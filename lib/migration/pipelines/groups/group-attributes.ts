import { eq, sql } from "drizzle-orm";
import { groups } from "@/lib/db";
import type { NdjsonPipeline } from "../support/types";

interface SelfRow {
  groupId: number;
  description: string | null;
  attributes: Record<string, unknown>;
}

// Identity and placement come from the destination the user chose, not from the source.
const IGNORED = ["id", "name", "path", "full_path", "parent_id", "traversal_ids", "visibility_level", "visibility"];

/** Stage 1: the `self` relation, the group's own attributes, merged into the group's settings. */
export const groupAttributesPipeline: NdjsonPipeline<SelfRow> = {
  kind: "ndjson",
  relation: "self",
  transform(record, entity) {
    const attributes = Object.fromEntries(Object.entries(record).filter(([key]) => !IGNORED.includes(key)));
    return { groupId: entity.groupId!, description: typeof record.description === "string" ? record.description : null, attributes };
  },
  // An update, so replaying it changes nothing further.
  async load(tx, rows) {
    for (const row of rows) {
      await tx
        .update(groups)
        .set({
          settings: sql`${groups.settings} || ${JSON.stringify(row.attributes)}::jsonb`,
          ...(row.description !== null ? { description: row.description.slice(0, 500) } : {}),
          updatedAt: new Date(),
        })
        .where(eq(groups.id, row.groupId));
    }
  },
  titleOf: (record) => (typeof record.name === "string" ? record.name : undefined),
};
