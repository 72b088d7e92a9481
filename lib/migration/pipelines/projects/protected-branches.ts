import { protectedBranches } from "@/lib/db";
import { prepareSourceUsers } from "../../source-users";
import { mapRefUsers } from "./protected-refs-load";
import { accessLevelsOf, accessLevelUsers, mappedAccessLevels, type AccessLevelInput } from "../support/ref-access-levels";
import { importColumns, optionalBoolean, requiredString } from "../support/record-fields";
import { insertNew } from "../support/insert-by-import-key";
import { ownerOf } from "../support/owner";
import { sourceWebUrl } from "../support/source-urls";
import type { NdjsonPipeline } from "../support/types";

type ProtectedBranchValues = Omit<typeof protectedBranches.$inferInsert, "mergeAccessLevels" | "pushAccessLevels" | "unprotectAccessLevels">;

export interface ProtectedBranchRow {
  values: ProtectedBranchValues;
  merge: AccessLevelInput[];
  push: AccessLevelInput[];
  /** EE: who may unprotect the branch. */
  unprotect: AccessLevelInput[];
}

const COLUMNS = ["id", "project_id", "name", "allow_force_push", "code_owner_approval_required", "merge_access_levels", "push_access_levels", "unprotect_access_levels", "created_at", "updated_at"] as const;
const usersOf = (row: ProtectedBranchRow) => accessLevelUsers([...row.merge, ...row.push, ...row.unprotect]);

/**
 * Stage 4: the project's protected branches (`protected_branches: [:merge_access_levels, :push_access_levels]`, EE
 * `:unprotect_access_levels`): a name or wildcard pattern, force push and code owner approval, and who may merge,
 * push and unprotect. A level given to a user points at the user's local account or placeholder; one given to a
 * group keeps the source group's id. Pushes obey them from then on (lib/projects/pushes.ts).
 */
export const protectedBranchesPipeline: NdjsonPipeline<ProtectedBranchRow> = {
  kind: "ndjson",
  relation: "protected_branches",
  transform(record, entity, key) {
    const { projectId } = ownerOf(entity);
    return {
      values: {
        projectId: projectId!,
        name: requiredString(record, "name"),
        allowForcePush: optionalBoolean(record, "allow_force_push") ?? false,
        codeOwnerApprovalRequired: optionalBoolean(record, "code_owner_approval_required") ?? false,
        ...importColumns(record, entity.entityId, key, COLUMNS),
      },
      merge: accessLevelsOf(record, "merge_access_levels"),
      push: accessLevelsOf(record, "push_access_levels"),
      unprotect: accessLevelsOf(record, "unprotect_access_levels"),
    };
  },
  prepare: (rows, { entity, client }) => prepareSourceUsers(client, entity, rows.flatMap(usersOf)),
  async load(tx, rows, entity) {
    const mapped = await mapRefUsers(tx, entity, rows.flatMap(usersOf));
    const values = rows.map((row) => Object.assign({}, row.values, {
      mergeAccessLevels: mappedAccessLevels(row.merge, mapped),
      pushAccessLevels: mappedAccessLevels(row.push, mapped),
      unprotectAccessLevels: mappedAccessLevels(row.unprotect, mapped),
    }));
    await insertNew(tx, protectedBranches, values);
  },
  titleOf: (record) => (typeof record.name === "string" ? record.name : undefined),
  sourceUrlOf: (_record, entity) => sourceWebUrl(entity, "settings/repository"),
};
