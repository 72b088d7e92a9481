import type { RefAccessLevel } from "@/lib/db";
import { RecordError } from "../../errors";
import type { SourceUserRef } from "../../source-users";
import { rest } from "./record-fields";

// GitLab's ProtectedRefAccess::ALLOWED_ACCESS_LEVELS (+ Administrators): No one, Developers + Maintainers, Maintainers.
const ROLE_LEVELS = new Set([0, 30, 40, 60]);
// What became a field of the level, or names the source's rows (their ids, their rule's id).
const TAKEN = ["id", "protected_branch_id", "protected_tag_id", "access_level", "user_id", "group_id"];

/** An access level as the export gave it, its user still the source's (mapped when the chunk loads). */
export interface AccessLevelInput {
  level: RefAccessLevel;
  sourceUserId: number | null;
}

const optionalId = (entry: Record<string, unknown>, field: string, relation: string): number | null => {
  const value = entry[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) throw new RecordError(`${relation} ${field} must be a positive integer`);
  return value;
};

/**
 * One `*_access_levels` list of a protected branch or tag record (`merge_access_levels`, `push_access_levels`,
 * `unprotect_access_levels`, `create_access_levels`): a role GitLab allows, or (EE) a user or a group.
 */
export function accessLevelsOf(record: Record<string, unknown>, relation: string): AccessLevelInput[] {
  const list = record[relation];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new RecordError(`${relation} must be a list`);
  return list.map((entry) => {
    if (!entry || typeof entry !== "object" || Array.isArray(entry)) throw new RecordError(`${relation} must hold objects`);
    const fields = entry as Record<string, unknown>;
    const sourceUserId = optionalId(fields, "user_id", relation);
    const sourceGroupId = optionalId(fields, "group_id", relation);
    const accessLevel = fields.access_level ?? null;
    if (accessLevel !== null && (typeof accessLevel !== "number" || !Number.isInteger(accessLevel))) throw new RecordError(`${relation} access_level must be an integer`);
    // A user's or a group's level names no role (GitLab stores Maintainer there); a role must be one GitLab allows.
    if (sourceUserId === null && sourceGroupId === null && (accessLevel === null || !ROLE_LEVELS.has(accessLevel))) throw new RecordError(`${relation} access_level ${accessLevel} is not included in the list`);
    return { level: { accessLevel, userId: null, sourceGroupId, sourceAttributes: rest(fields, TAKEN) }, sourceUserId };
  });
}

/** The source users these levels name. */
export const accessLevelUsers = (levels: readonly AccessLevelInput[]): SourceUserRef[] => levels.flatMap((input) => (input.sourceUserId === null ? [] : [{ id: input.sourceUserId }]));

/** The levels with their users mapped to local accounts. */
export const mappedAccessLevels = (levels: readonly AccessLevelInput[], mapped: ReadonlyMap<number, number>): RefAccessLevel[] =>
  levels.map((input) => Object.assign({}, input.level, { userId: input.sourceUserId === null ? null : (mapped.get(input.sourceUserId) ?? null) }));
