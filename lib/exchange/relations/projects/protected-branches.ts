import { asc } from "drizzle-orm";
import { getDb, protectedBranches } from "@/lib/db";
import { mergedRecord } from "../support/merged-record";
import { idsOf, iso, ownedIds } from "../support/record-ids";
import type { CollectionRelation } from "../support/types";
import { accessLevelRecords } from "./ref-access-levels";

/** `protected_branches: [:merge_access_levels, :push_access_levels]` (EE `:unprotect_access_levels` when set), as GitLab writes them. */
export const protectedBranchesRelation: CollectionRelation = {
  kind: "collection",
  name: "protected_branches",
  ids: idsOf(protectedBranches, protectedBranches.id, protectedBranches.projectId),
  async records(projectId, ids) {
    const rows = await getDb().select().from(protectedBranches).where(ownedIds(protectedBranches.id, protectedBranches.projectId, projectId, ids)).orderBy(asc(protectedBranches.id));
    return rows.map((rule) => {
      const owner = { protected_branch_id: rule.id };
      return mergedRecord(rule.sourceAttributes, {
        id: rule.id,
        project_id: rule.projectId,
        name: rule.name,
        created_at: iso(rule.createdAt),
        updated_at: iso(rule.updatedAt),
        code_owner_approval_required: rule.codeOwnerApprovalRequired,
        allow_force_push: rule.allowForcePush,
        merge_access_levels: accessLevelRecords(rule.mergeAccessLevels, owner),
        push_access_levels: accessLevelRecords(rule.pushAccessLevels, owner),
      }, rule.unprotectAccessLevels.length > 0 && { unprotect_access_levels: accessLevelRecords(rule.unprotectAccessLevels, owner) });
    });
  },
};
