// Pure rules for a row's destination, shared by the importer page (as the user types) and its tests. No database here:
// the page imports this file directly.
import { groupPathError } from "@/lib/groups/path-rules";

/** GitLab's importer messages (import_groups/constants.js), so a GitLab user reads what they already know. */
export const TARGET_MESSAGES = {
  parentMissing: "Please select a parent group.",
  required: "This field is required.",
  usedByAnotherRow: "Name already used as a target for another group.",
  exists: "Name already exists.",
  rateLimited: "Over six imports in one minute were attempted. Wait at least one minute and try again.",
  reimport: "Re-import creates a new group. It does not sync with the existing group. Choose a new path for it.",
} as const;

/** A destination parent: a group, or the top level (`id: null`, `fullPath: ""`, GitLab's ROOT_NAMESPACE). */
export interface ParentChoice {
  id: number | null;
  fullPath: string;
}

export const TOP_LEVEL: ParentChoice = { id: null, fullPath: "" };

export interface ImportTarget {
  /** Undefined until the user picks one ("No parent" is a choice). */
  parent: ParentChoice | undefined;
  path: string;
}

export interface TargetError {
  field: "parent" | "path";
  message: string;
}

/**
 * The first problem with a destination, in GitLab's order (§2.6): parent chosen, path given, path format, a clash
 * with another row's target, the path taken already. `exists` is the server's answer for this very path, or
 * undefined while it is not known yet.
 */
export function targetError(target: ImportTarget, otherTargets: readonly ImportTarget[], exists: boolean | undefined): TargetError | null {
  const { parent, path } = target;
  if (!parent) return { field: "parent", message: TARGET_MESSAGES.parentMissing };
  if (path === "") return { field: "path", message: TARGET_MESSAGES.required };
  const formatError = groupPathError(path, parent.id === null);
  if (formatError) return { field: "path", message: formatError };
  const lower = path.toLowerCase();
  if (otherTargets.some((other) => other.parent?.id === parent.id && other.parent !== undefined && other.path.toLowerCase() === lower)) {
    return { field: "path", message: TARGET_MESSAGES.usedByAnotherRow };
  }
  if (exists) return { field: "path", message: TARGET_MESSAGES.exists };
  return null;
}

// Segments of letters, digits, '_', '-' and '.', joined by single slashes: no scheme, host, edge or double slashes.
const FULL_PATH = /^[\w.-]+(?:\/[\w.-]+)*$/;
const MAX_FULL_PATH_LENGTH = 2048;

/**
 * Whether a path can be a group's full path (the source group of an import, a destination namespace). A `.` or `..`
 * segment is refused too: URL resolution folds it, so asking the source for `/groups/<path>` would ask for another
 * resource (`/groups/` itself for `.`).
 */
export function isGroupFullPath(path: string): boolean {
  return path.length <= MAX_FULL_PATH_LENGTH && FULL_PATH.test(path) && path.split("/").every((segment) => segment !== "." && segment !== "..");
}

/** The full path a target would get, for messages and links. */
export function targetFullPath(target: { parent: ParentChoice; path: string }): string {
  return target.parent.fullPath ? `${target.parent.fullPath}/${target.path}` : target.path;
}
