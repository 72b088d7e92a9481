import type { SingleRelation } from "../support/types";
import { findGroupRow } from "./group-self";

/**
 * `namespace_settings` (has_one, included_attributes: prevent_sharing_groups_outside_hierarchy). Ferry keeps the
 * setting among the group's settings when a source sent it; GitLab's default is false.
 */
export const namespaceSettingsRelation: SingleRelation = {
  kind: "single",
  name: "namespace_settings",
  format: "ndjson",
  async record(groupId) {
    const group = await findGroupRow(groupId);
    if (!group) return null;
    const value = group.settings.prevent_sharing_groups_outside_hierarchy;
    return { prevent_sharing_groups_outside_hierarchy: typeof value === "boolean" ? value : false };
  },
};
