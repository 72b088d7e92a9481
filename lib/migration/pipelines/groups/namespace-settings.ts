import { and, eq, sql } from "drizzle-orm";
import { groups } from "@/lib/db";
import { RecordError } from "../../errors";
import type { NdjsonPipeline } from "../support/types";

interface SettingsRow {
  groupId: number;
  settings: Record<string, boolean>;
}

// import_export.yml included_attributes.namespace_settings: nothing else of the record is taken.
const ALLOWED = ["prevent_sharing_groups_outside_hierarchy"] as const;

/**
 * Stage 1, sources from 15.0: the `namespace_settings` relation (one record), merged into the group's settings
 * without touching the others.
 */
export const namespaceSettingsPipeline: NdjsonPipeline<SettingsRow> = {
  kind: "ndjson",
  relation: "namespace_settings",
  transform(record, entity) {
    const settings: Record<string, boolean> = {};
    for (const key of ALLOWED) {
      const value = record[key];
      if (value === undefined || value === null) continue;
      if (typeof value !== "boolean") throw new RecordError(`${key} must be true or false`);
      settings[key] = value;
    }
    return { groupId: entity.groupId!, settings };
  },
  // A jsonb merge of the same keys, so replaying it changes nothing further. GitLab's default (false) is not written to
  // a group that has no value yet: absent already reads as false (the exporter says so), and the group's settings stay
  // exactly what its source sent.
  async load(tx, rows) {
    for (const row of rows) {
      for (const [key, value] of Object.entries(row.settings)) {
        await tx
          .update(groups)
          .set({ settings: sql`${groups.settings} || ${JSON.stringify({ [key]: value })}::jsonb`, updatedAt: new Date() })
          .where(and(eq(groups.id, row.groupId), value ? undefined : sql`(${groups.settings} -> ${key}) IS NOT NULL`));
      }
    }
  },
};
