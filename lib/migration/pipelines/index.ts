import { importsRelation, relationOf, relationsOf, sourceHasRelation, type PortableKind } from "@/lib/relations";
import { badgesPipeline } from "./common/badges";
import { boardsPipeline } from "./common/boards";
import { labelsPipeline } from "./common/labels";
import { lfsObjectsPipeline } from "./common/lfs-objects";
import { membersPipeline, projectMembersPipeline } from "./common/members";
import { milestonesPipeline } from "./common/milestones";
import { uploadsPipeline } from "./common/uploads";
import { uploadsReferencesPipeline } from "./common/uploads-references";
import { userContributionsPipeline } from "./common/user-contributions";
import { wikiPipeline } from "./common/wiki";
import { epicBoardsPipeline } from "./groups/epic-boards";
import { epicsPipeline } from "./groups/epics";
import { groupPipeline } from "./groups/group";
import { groupAttributesPipeline } from "./groups/group-attributes";
import { groupAvatarPipeline } from "./groups/group-avatar";
import { iterationsPipeline } from "./groups/iterations";
import { iterationsCadencesPipeline } from "./groups/iterations-cadences";
import { namespaceSettingsPipeline } from "./groups/namespace-settings";
import { projectEntitiesPipeline } from "./groups/project-entities";
import { subgroupsPipeline } from "./groups/subgroups";
import { designBundlePipeline } from "./projects/design-bundle";
import { ciPipelinesPipeline } from "./projects/ci-pipelines";
import { commitNotesPipeline } from "./projects/commit-notes";
import { customAttributesPipeline } from "./projects/custom-attributes";
import { externalPullRequestsPipeline } from "./projects/external-pull-requests";
import { issuesPipeline } from "./projects/issues";
import { mergeRequestsPipeline } from "./projects/merge-requests";
import { pipelineSchedulesPipeline } from "./projects/pipeline-schedules";
import { projectPipeline } from "./projects/project";
import { projectAttributesPipeline } from "./projects/project-attributes";
import { protectedBranchesPipeline } from "./projects/protected-branches";
import { protectedTagsPipeline } from "./projects/protected-tags";
import { referencesPipeline } from "./projects/references";
import { releasesPipeline } from "./projects/releases";
import { repositoryPipeline } from "./projects/repository";
import { repositoryBundlePipeline } from "./projects/repository-bundle";
import { settingRelationPipelines } from "./projects/setting-relations";
import { snippetsPipeline } from "./projects/snippets";
import { snippetsRepositoryPipeline } from "./projects/snippets-repository";
import type { EntityContext, Pipeline, StagedPipeline } from "./support/types";

/**
 * The implementation of each catalog relation Ferry imports, per portable. Adding a relation: its catalog entry,
 * its pipeline file (common/, groups/ or projects/), and its line here.
 */
const IMPLEMENTATIONS: Record<PortableKind, readonly Pipeline[]> = {
  group: [
    groupPipeline,
    groupAttributesPipeline,
    groupAvatarPipeline,
    namespaceSettingsPipeline,
    iterationsPipeline,
    iterationsCadencesPipeline,
    labelsPipeline,
    milestonesPipeline,
    badgesPipeline,
    membersPipeline,
    uploadsPipeline,
    boardsPipeline,
    epicsPipeline,
    epicBoardsPipeline,
    projectEntitiesPipeline,
    subgroupsPipeline,
    uploadsReferencesPipeline,
  ],
  project: [
    projectPipeline,
    projectAttributesPipeline,
    repositoryPipeline,
    repositoryBundlePipeline,
    projectMembersPipeline,
    userContributionsPipeline,
    labelsPipeline,
    milestonesPipeline,
    badgesPipeline,
    boardsPipeline,
    issuesPipeline,
    mergeRequestsPipeline,
    snippetsPipeline,
    snippetsRepositoryPipeline,
    externalPullRequestsPipeline,
    protectedBranchesPipeline,
    protectedTagsPipeline,
    releasesPipeline,
    customAttributesPipeline,
    pipelineSchedulesPipeline,
    ciPipelinesPipeline,
    commitNotesPipeline,
    uploadsPipeline,
    wikiPipeline,
    lfsObjectsPipeline,
    designBundlePipeline,
    referencesPipeline,
    ...settingRelationPipelines,
  ],
};

const BY_RELATION = Object.fromEntries(
  Object.entries(IMPLEMENTATIONS).map(([kind, pipelines]) => [kind, new Map(pipelines.map((p) => [p.relation, p]))]),
) as Record<PortableKind, Map<string, Pipeline>>;

/** The pipeline of one relation of a group or project entity, with its stage and class; undefined when Ferry has none. */
export function pipelineFor(kind: PortableKind, relation: string): StagedPipeline | undefined {
  const pipeline = BY_RELATION[kind].get(relation);
  const use = relationOf(kind, relation);
  if (!pipeline || !use || !importsRelation(use.spec, kind)) return undefined;
  return Object.assign({}, pipeline, { stage: use.stage, pipelineClass: use.pipelineClass });
}

/**
 * Whether a pipeline can read its relation from a GitLab export archive: NDJSON relations can (the archive has them,
 * or they are empty), REST steps only through their `fromArchive`. A project archive also holds what direct transfer
 * reads otherwise (its members, read by GraphQL there) and files (bundles, uploads, LFS objects); a group archive
 * has neither.
 */
function readsFromArchive(pipeline: Pipeline, kind: PortableKind): boolean {
  if (pipeline.kind === "rest") return pipeline.fromArchive !== undefined;
  if (kind === "project") return true;
  return pipeline.kind === "ndjson" && !pipeline.read;
}

/** Whether the pipeline reads its records itself (GraphQL) rather than from the relation export or the archive. */
export function readsItself(pipeline: Pipeline, entity: EntityContext): boolean {
  return pipeline.kind === "ndjson" && pipeline.read !== undefined && !entity.fromArchive;
}

/**
 * The pipelines an entity runs, in stage order: the catalog's relations its source has and its options take; of
 * those, only the ones it is restricted to (a relation import runs its one relation, which makes the labels and
 * milestones it names as it loads, and the members step that maps the archive's users without adding members).
 */
export function pipelinesFor(entity: EntityContext): StagedPipeline[] {
  const source = { version: entity.sourceVersion, enterprise: entity.sourceEnterprise };
  const only = entity.onlyRelations;
  return relationsOf(entity.portable).flatMap((use) => {
    if (only && !only.includes(use.name)) return [];
    const pipeline = sourceHasRelation(use.spec, source) ? pipelineFor(entity.portable, use.name) : undefined;
    if (pipeline && entity.fromArchive && !readsFromArchive(pipeline, entity.portable)) return [];
    return pipeline && (!pipeline.applies || pipeline.applies(entity)) ? [pipeline] : [];
  });
}

/** Every relation with an implementation, per portable: the catalog test checks both lists agree. */
export function implementedRelations(kind: PortableKind): string[] {
  return [...BY_RELATION[kind].keys()];
}

export { withoutExistingIids } from "./support/existing-iids";
export type { EntityContext, ExportPipeline, FileFailure, FilePipeline, NdjsonPipeline, Pipeline, RestPipeline, RestResult, StagedPipeline } from "./support/types";
