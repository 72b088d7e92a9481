import type { RefAccessLevel } from "@/lib/db";
import { accessLevelDescription, type ProtectedBranch, type ProtectedTag } from "@/lib/projects";

/** One of a protected ref's access levels, as GitLab's entities show it (Ferry's levels have no ids of their own). */
function accessLevelEntity(level: RefAccessLevel, userNames: ReadonlyMap<number, string>) {
  return {
    id: null,
    access_level: level.accessLevel,
    access_level_description: accessLevelDescription(level, level.userId === null ? null : userNames.get(level.userId)),
    deploy_key_id: null,
    user_id: level.userId,
    group_id: level.sourceGroupId,
  };
}

/** Entities::ProtectedBranch. */
export function protectedBranchEntity(rule: ProtectedBranch, userNames: ReadonlyMap<number, string>) {
  return {
    id: rule.id,
    name: rule.name,
    push_access_levels: rule.pushAccessLevels.map((level) => accessLevelEntity(level, userNames)),
    merge_access_levels: rule.mergeAccessLevels.map((level) => accessLevelEntity(level, userNames)),
    allow_force_push: rule.allowForcePush,
    unprotect_access_levels: rule.unprotectAccessLevels.map((level) => accessLevelEntity(level, userNames)),
    code_owner_approval_required: rule.codeOwnerApprovalRequired,
  };
}

/** Entities::ProtectedTag. */
export function protectedTagEntity(rule: ProtectedTag, userNames: ReadonlyMap<number, string>) {
  return {
    name: rule.name,
    create_access_levels: rule.createAccessLevels.map((level) => accessLevelEntity(level, userNames)),
  };
}
