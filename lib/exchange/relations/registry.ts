import { portableOwner } from "@/lib/content";
import { exportedRelationNames, exportRelationName, type PortableKind } from "@/lib/relations";
import { badgesRelation } from "./common/badges";
import { boardsRelation } from "./common/boards";
import { labelsRelation } from "./common/labels";
import { membersRelation } from "./common/members";
import { milestonesRelation } from "./common/milestones";
import { uploadsRelation } from "./common/uploads";
import { epicBoardsRelation } from "./groups/epic-boards";
import { epicsRelation } from "./groups/epics";
import { groupSelfRelation } from "./groups/group-self";
import { iterationsCadencesRelation } from "./groups/iterations-cadences";
import { namespaceSettingsRelation } from "./groups/namespace-settings";
import { lfsObjectsRelation } from "./projects/lfs-objects";
import { ciPipelinesRelation } from "./projects/ci-pipelines";
import { commitNotesRelation } from "./projects/commit-notes";
import { customAttributesRelation } from "./projects/custom-attributes";
import { externalPullRequestsRelation } from "./projects/external-pull-requests";
import { issuesRelation } from "./projects/issues";
import { mergeRequestsRelation } from "./projects/merge-requests";
import { pipelineSchedulesRelation } from "./projects/pipeline-schedules";
import { projectSelfRelation } from "./projects/project-self";
import { designRelation, repositoryRelation } from "./projects/repository";
import { protectedBranchesRelation } from "./projects/protected-branches";
import { protectedTagsRelation } from "./projects/protected-tags";
import { releasesRelation } from "./projects/releases";
import { settingRelations } from "./projects/setting-relations";
import { snippetsRelation } from "./projects/snippets";
import { userContributionsRelation } from "./projects/user-contributions";
import type { CollectionRelation, ExportRelation, OwnedRelation, SingleRelation } from "./support/types";

/**
 * A common relation bound to one kind of portable: the runner's portable id becomes that portable's owner, and the
 * relation takes the name that portable's export gives it (a project's `badges` are `project_badges`).
 */
function forPortable(kind: PortableKind, relation: OwnedRelation): ExportRelation {
  const owner = (id: number) => portableOwner(kind, id);
  const name = exportRelationName(kind, relation.name);
  // Object.assign rather than a leading spread, which exporters keep clear of (merged-record.ts says why).
  switch (relation.kind) {
    case "collection":
      return Object.assign({}, relation, { name, ids: (id: number) => relation.ids(owner(id)), records: (id: number, ids: readonly number[]) => relation.records(owner(id), ids) });
    case "single":
      return Object.assign({}, relation, { name, record: (id: number) => relation.record(owner(id)) });
    case "file":
      return Object.assign({}, relation, { name, entries: (id: number) => relation.entries(owner(id)) });
  }
}

const groupOwned = (relation: OwnedRelation) => forPortable("group", relation);
const projectOwned = (relation: OwnedRelation) => forPortable("project", relation);

/**
 * The exporter of each catalog relation Ferry exports, per portable, in the order exports start (`self` first).
 * Which relations are exported is the catalog's (`ferry.exports`): a relation Ferry does not store yet is left out rather than exported
 * empty, so that an importer is not told the group has none. Adding one: its catalog entry, a file under
 * common/, groups/ or projects/, and its line here.
 */
const EXPORTERS: Record<PortableKind, readonly ExportRelation[]> = {
  group: [
    groupSelfRelation,
    groupOwned(labelsRelation),
    groupOwned(milestonesRelation),
    groupOwned(badgesRelation),
    groupOwned(boardsRelation),
    epicsRelation,
    epicBoardsRelation,
    groupOwned(membersRelation),
    namespaceSettingsRelation,
    iterationsCadencesRelation,
    groupOwned(uploadsRelation),
  ],
  project: [
    projectSelfRelation,
    projectOwned(labelsRelation),
    projectOwned(milestonesRelation),
    projectOwned(badgesRelation),
    projectOwned(boardsRelation),
    projectOwned(uploadsRelation),
    issuesRelation,
    mergeRequestsRelation,
    snippetsRelation,
    userContributionsRelation,
    externalPullRequestsRelation,
    customAttributesRelation,
    pipelineSchedulesRelation,
    ciPipelinesRelation,
    commitNotesRelation,
    ...settingRelations,
    protectedBranchesRelation,
    protectedTagsRelation,
    releasesRelation,
    repositoryRelation,
    lfsObjectsRelation,
    designRelation,
  ],
};

const exported = (kind: PortableKind) => {
  const names = new Set(exportedRelationNames(kind));
  return EXPORTERS[kind].filter((relation) => names.has(relation.name));
};
const RELATIONS: Record<PortableKind, readonly ExportRelation[]> = { group: exported("group"), project: exported("project") };

/** What Ferry exports for a group or a project, `self` first. */
export function relationsFor(kind: PortableKind): readonly ExportRelation[] {
  return RELATIONS[kind];
}

/**
 * A project's members as GitLab's file export writes them (`project_members`): its direct transfer reads them by
 * GraphQL instead, so they are in no relation export.
 */
const projectMembersRelation = Object.assign({}, projectOwned(membersRelation), { name: "project_members" }) as CollectionRelation;

/**
 * The NDJSON files of a file export's tree (`tree/groups/<id>/<relation>.ndjson`, `tree/project/<relation>.ndjson`):
 * the relation exports' records without `self` (the tree's `<id>.json` / `project.json`) and the file relations
 * (members of the archive of their own), and a project's members.
 */
export function treeRelationsFor(kind: PortableKind): readonly (CollectionRelation | SingleRelation)[] {
  const records = RELATIONS[kind].filter((relation): relation is CollectionRelation | SingleRelation => relation.kind !== "file" && relation.name !== "self");
  return kind === "project" ? [...records, projectMembersRelation] : records;
}

export function findRelation(kind: PortableKind, name: string): ExportRelation | undefined {
  return RELATIONS[kind].find((relation) => relation.name === name);
}

/** Every relation with an exporter, per portable: the catalog test checks it against `ferry.exports`. */
export function exporterNames(kind: PortableKind): string[] {
  return EXPORTERS[kind].map((relation) => relation.name);
}

/** The file a download is named after: `self.json.gz`, `<relation>.tar.gz` for files, else `<relation>.ndjson.gz` (GitLab's exported_filename). */
export function exportedFilename(relation: ExportRelation): string {
  if (relation.kind === "file") return `${relation.name}.tar.gz`;
  return relation.kind === "single" && relation.format === "json" ? `${relation.name}.json.gz` : `${relation.name}.ndjson.gz`;
}
