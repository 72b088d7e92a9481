import type { RefAccessLevel } from "@/lib/db";
import { mergedRecord } from "../support/merged-record";
import type { ExportRecord } from "../support/types";

/**
 * A protected ref's access levels as GitLab's export writes them (`access_level user_id group_id` and timestamps),
 * under the rule's id (`protected_branch_id` / `protected_tag_id`). A level has no id of its own in Ferry: it is
 * written without one, as GitLab's importer does not read it.
 */
export function accessLevelRecords(levels: readonly RefAccessLevel[], owner: Record<string, number>): ExportRecord[] {
  return levels.map((level) => mergedRecord(owner, level.sourceAttributes, { access_level: level.accessLevel, user_id: level.userId, group_id: level.sourceGroupId }));
}
