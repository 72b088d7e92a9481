import type { PgColumn } from "drizzle-orm/pg-core";
import { badges, boards, ciPipelines, epicBoards, epics, externalPullRequests, groupMembers, issues, iterationCadences, iterations, labels, milestones, pipelineSchedules, projectCustomAttributes, projectMembers, uploads } from "@/lib/db";
import type { PortableKind } from "@/lib/relations";

/**
 * The catalog relations (lib/relations) stored one row per record, by name: per portable, the column that says whose
 * a row is (its table is the column's). Relations with no table of their own (`self`, settings, repositories...) are
 * not here, nor is a portable that does not have the relation.
 */
export const RELATION_OWNER_COLUMNS: Readonly<Record<string, Partial<Record<PortableKind, PgColumn>>>> = {
  labels: { group: labels.groupId, project: labels.projectId },
  milestones: { group: milestones.groupId, project: milestones.projectId },
  badges: { group: badges.groupId, project: badges.projectId },
  boards: { group: boards.groupId, project: boards.projectId },
  uploads: { group: uploads.groupId, project: uploads.projectId },
  // One relation, two tables: see lib/db/schema/projects.ts.
  members: { group: groupMembers.groupId, project: projectMembers.projectId },
  epics: { group: epics.groupId },
  epic_boards: { group: epicBoards.groupId },
  iterations: { group: iterations.groupId },
  iterations_cadences: { group: iterationCadences.groupId },
  issues: { project: issues.projectId },
  external_pull_requests: { project: externalPullRequests.projectId },
  custom_attributes: { project: projectCustomAttributes.projectId },
  pipeline_schedules: { project: pipelineSchedules.projectId },
  ci_pipelines: { project: ciPipelines.projectId },
};
