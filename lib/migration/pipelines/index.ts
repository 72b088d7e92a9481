import { groupPipeline } from "./group";
import { groupAttributesPipeline } from "./group-attributes";
import { labelsPipeline } from "./labels";
import { membersPipeline } from "./members";
import { milestonesPipeline } from "./milestones";
import { projectEntitiesPipeline } from "./project-entities";
import { subgroupsPipeline } from "./subgroups";
import type { EntityContext, Pipeline } from "./types";

/** Every group pipeline, in GitLab's stages. Adding a relation is one file and one line here. */
export const GROUP_PIPELINES: readonly Pipeline[] = [
  groupPipeline,
  groupAttributesPipeline,
  labelsPipeline,
  milestonesPipeline,
  membersPipeline,
  projectEntitiesPipeline,
  subgroupsPipeline,
];

const BY_RELATION = new Map(GROUP_PIPELINES.map((p) => [p.relation, p]));

export function pipelineFor(relation: string): Pipeline | undefined {
  return BY_RELATION.get(relation);
}

export function pipelinesFor(entity: EntityContext): Pipeline[] {
  return GROUP_PIPELINES.filter((p) => !p.applies || p.applies(entity));
}

export type { EntityContext, NdjsonPipeline, Pipeline, RestPipeline, RestResult, Tx } from "./types";
