/**
 * GitLab keeps who may create projects and subgroups as integers in exports and as names in the REST API; imports
 * bring whichever the source sent, so both directions are needed.
 */
export const PROJECT_CREATION_LEVEL: Record<string, number> = { noone: 0, maintainer: 1, developer: 2, administrator: 3 };
export const SUBGROUP_CREATION_LEVEL: Record<string, number> = { owner: 0, maintainer: 1 };

function nameOf(value: unknown, names: Record<string, number>): unknown {
  if (typeof value !== "number") return value;
  return Object.entries(names).find(([, n]) => n === value)?.[0] ?? value;
}

export const projectCreationLevelName = (value: unknown) => nameOf(value, PROJECT_CREATION_LEVEL);
export const subgroupCreationLevelName = (value: unknown) => nameOf(value, SUBGROUP_CREATION_LEVEL);
