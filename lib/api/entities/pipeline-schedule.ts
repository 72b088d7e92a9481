import type { PipelineSchedule } from "@/lib/projects";
import { userBasic } from "./user";

/** GitLab's Entities::Ci::PipelineSchedule (the list), owner as UserBasic. */
export function pipelineScheduleEntity(schedule: PipelineSchedule, baseUrl: string) {
  return {
    id: schedule.id,
    description: schedule.description,
    ref: schedule.ref,
    cron: schedule.cron,
    cron_timezone: schedule.cronTimezone,
    next_run_at: schedule.nextRunAt?.toISOString() ?? null,
    active: schedule.active,
    created_at: schedule.createdAt.toISOString(),
    updated_at: schedule.updatedAt.toISOString(),
    owner: schedule.owner ? userBasic(schedule.owner, baseUrl) : null,
  };
}

/** Entities::Ci::PipelineScheduleDetails: with its last pipeline (Ferry runs none) and its variables as imported. */
export function pipelineScheduleDetails(schedule: PipelineSchedule, baseUrl: string) {
  const variables = Array.isArray(schedule.sourceAttributes.variables) ? (schedule.sourceAttributes.variables as Record<string, unknown>[]) : [];
  return {
    ...pipelineScheduleEntity(schedule, baseUrl),
    last_pipeline: null,
    variables: variables.map((v) => ({ variable_type: v.variable_type ?? "env_var", key: v.key, value: v.value, raw: v.raw ?? false })),
  };
}
