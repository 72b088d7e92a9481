import { badgesRelation } from "./badges";
import { boardsRelation } from "./boards";
import { epicBoardsRelation } from "./epic-boards";
import { epicsRelation } from "./epics";
import { groupSelfRelation } from "./group-self";
import { iterationsCadencesRelation } from "./iterations-cadences";
import { labelsRelation } from "./labels";
import { membersRelation } from "./members";
import { milestonesRelation } from "./milestones";
import { namespaceSettingsRelation } from "./namespace-settings";
import type { ExportRelation, PortableKind } from "./types";
import { uploadsRelation } from "./uploads";

/**
 * Every relation Ferry exports, per portable, `self` first. Adding one is a file in this folder and a line here; a
 * relation Ferry does not store yet is left out rather than exported empty, so that an
 * importer is not told that the group has none.
 */
const RELATIONS: Record<PortableKind, readonly ExportRelation[]> = {
  group: [groupSelfRelation, labelsRelation, milestonesRelation, badgesRelation, boardsRelation, epicsRelation, epicBoardsRelation, membersRelation, namespaceSettingsRelation, iterationsCadencesRelation, uploadsRelation],
  // Projects are not stored yet: project migration will add their relations here.
  project: [],
};

// GitLab Enterprise relations: a source exporting any of them says it is an enterprise edition (GET /metadata).
const ENTERPRISE_RELATIONS = new Set(["epics", "epic_boards", "iterations", "iterations_cadences"]);

export function relationsFor(kind: PortableKind): readonly ExportRelation[] {
  return RELATIONS[kind];
}

export function findRelation(kind: PortableKind, name: string): ExportRelation | undefined {
  return RELATIONS[kind].find((relation) => relation.name === name);
}

export function exportsEnterpriseRelations(): boolean {
  return Object.values(RELATIONS).some((list) => list.some((relation) => ENTERPRISE_RELATIONS.has(relation.name)));
}

/** The file a download is named after: `self.json.gz`, `<relation>.tar.gz` for files, else `<relation>.ndjson.gz` (GitLab's exported_filename). */
export function exportedFilename(relation: ExportRelation): string {
  if (relation.kind === "file") return `${relation.name}.tar.gz`;
  return relation.kind === "single" && relation.format === "json" ? `${relation.name}.json.gz` : `${relation.name}.ndjson.gz`;
}
