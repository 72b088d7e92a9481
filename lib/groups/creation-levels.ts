import { ACCESS_LEVELS } from "@/lib/db";

/**
 * GitLab keeps who may create projects and subgroups as integers in exports and as names in the REST API; imports
 * bring whichever the source sent, so both directions are needed.
 */
export const PROJECT_CREATION_LEVEL: Record<string, number> = { noone: 0, maintainer: 1, developer: 2, administrator: 3, owner: 4 };
export const SUBGROUP_CREATION_LEVEL: Record<string, number> = { owner: 0, maintainer: 1 };

/**
 * A group that never set project_creation_level has the instance default, which GitLab ships as Developers +
 * Maintainers (Settings.gitlab['default_project_creation']); the groups API shows the same default.
 */
export const DEFAULT_PROJECT_CREATION_LEVEL = "developer";

function nameOf(value: unknown, names: Record<string, number>): unknown {
  if (typeof value !== "number") return value;
  return Object.entries(names).find(([, n]) => n === value)?.[0] ?? value;
}

export const projectCreationLevelName = (value: unknown) => nameOf(value, PROJECT_CREATION_LEVEL);
export const subgroupCreationLevelName = (value: unknown) => nameOf(value, SUBGROUP_CREATION_LEVEL);

// The role a member needs for each project_creation_level; null: administrators only (noone, administrator).
const PROJECT_CREATION_MIN_ROLE: Record<string, number | null> = {
  noone: null,
  administrator: null,
  maintainer: ACCESS_LEVELS.maintainer,
  developer: ACCESS_LEVELS.developer,
  owner: ACCESS_LEVELS.owner,
};

/**
 * The access level a member of a group needs to create projects in it under its project_creation_level setting (a
 * name or GitLab's integer); null when only administrators may. An unknown value falls back to the default.
 */
export function projectCreationMinLevel(settings: Record<string, unknown>): number | null {
  const name = projectCreationLevelName(settings.project_creation_level ?? DEFAULT_PROJECT_CREATION_LEVEL);
  const level = typeof name === "string" ? PROJECT_CREATION_MIN_ROLE[name] : undefined;
  return level === undefined ? PROJECT_CREATION_MIN_ROLE[DEFAULT_PROJECT_CREATION_LEVEL]! : level;
}
