import { badgesPipeline } from "./badges";
import { boardsPipeline } from "./boards";
import { epicBoardsPipeline } from "./epic-boards";
import { epicsPipeline } from "./epics";
import { groupPipeline } from "./group";
import { groupAttributesPipeline } from "./group-attributes";
import { groupAvatarPipeline } from "./group-avatar";
import { iterationsPipeline } from "./iterations";
import { iterationsCadencesPipeline } from "./iterations-cadences";
import { labelsPipeline } from "./labels";
import { membersPipeline } from "./members";
import { milestonesPipeline } from "./milestones";
import { namespaceSettingsPipeline } from "./namespace-settings";
import { projectEntitiesPipeline } from "./project-entities";
import { subgroupsPipeline } from "./subgroups";
import { uploadLinksPipeline } from "./upload-links";
import { uploadsPipeline } from "./uploads";
import type { EntityContext, Pipeline } from "./types";

/** Every group pipeline, in GitLab's stages. Adding a relation is one file and one line here. */
export const GROUP_PIPELINES: readonly Pipeline[] = [
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
  uploadLinksPipeline,
];

const BY_RELATION = new Map(GROUP_PIPELINES.map((p) => [p.relation, p]));

export function pipelineFor(relation: string): Pipeline | undefined {
  return BY_RELATION.get(relation);
}

export function pipelinesFor(entity: EntityContext): Pipeline[] {
  return GROUP_PIPELINES.filter((p) => !p.applies || p.applies(entity));
}

export type { EntityContext, ExportPipeline, FileFailure, FilePipeline, NdjsonPipeline, Pipeline, RestPipeline, RestResult, Tx } from "./types";
