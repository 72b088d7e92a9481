// Public face of lib/projects: projects in groups, who may do what with them, and their settings. Their repositories
// on disk are lib/repositories'; what a group has too (labels, boards, notes...) is lib/content's.
export {
  canAdminProject,
  canCreateProjectIn,
  canFetchRepository,
  canOwnProject,
  canPushCode,
  canPushRepository,
  canReadCode,
  canReadIssueBoards,
  canReadMergeRequests,
  canReadMilestones,
  canReadPipelines,
  canReadPipelineSchedules,
  canReadProject,
  canReadRepository,
  canReadStatistics,
  canUseFeature,
  type ProjectAccessFacts,
} from "./abilities";
export { badgePlaceholders, renderBadgeUrl, renderedProjectBadges, type BadgePlaceholders, type RenderedBadge } from "./badge-placeholders";
export { createProject, DEFAULT_BRANCH, type CreateProjectOptions, type NewProject } from "./create";
export { deleteProject, removeRepositories, repositoriesOf, type StoredRepository } from "./delete";
export { ProjectError, type ProjectField } from "./errors";
export { listProjectMembers, type ProjectMemberRow } from "./members";
export { findProject, findProjectsByPath, listProjects, PROJECT_ORDERS, type ListProjectsOptions, type Project, type ProjectOrder, type ProjectWithAccess } from "./queries";
export {
  FEATURE_ACCESS_LEVELS,
  featureAccessLevel,
  featureLevelNumbers,
  FEATURES,
  isAdminOnlySetting,
  LEGACY_FEATURE_FLAGS,
  PROJECT_SETTINGS,
  projectSettings,
  settingsIn,
  type FeatureAccessLevel,
  type ProjectFeature,
  type SettingKind,
} from "./settings";
export {
  accessLevelDescription,
  defaultBranchRule,
  protectedBranchesOf,
  protectedBranchNamed,
  protectedTagNamed,
  protectedTagsOf,
  refAccessAllows,
  refActor,
  refPatternMatches,
  refUserNames,
  REF_ACCESS_LEVELS,
  type ProtectedBranch,
  type ProtectedTag,
  type RefActor,
} from "./protected-refs";
export { protectedRefsFor, pushPolicyFor, recordPush, type ProjectProtectedRefs } from "./pushes";
export { isBranchName, MAX_DESCRIPTION_LENGTH } from "./rules";
export { lfsFileOf } from "./lfs-files";
export { findRelease, linkAtFilepath, listReleases, releaseCommit, releasesOfTags, type ReleaseLink, type ReleaseView } from "./releases";
export { nextCronRun } from "./cron";
export { findCustomAttribute, listCustomAttributes, type CustomAttribute } from "./custom-attributes";
export { findPipelineSchedule, listPipelineSchedules, type PipelineSchedule, type ScheduleScope } from "./pipeline-schedules";
export { projectStatistics } from "./statistics";
export { sortedTopics } from "./topics";
export { setArchived, updateProject, type ProjectChanges } from "./update";
export {
  commitNotes,
  commitStatuses,
  findJob,
  findPipeline,
  listJobs,
  listPipelines,
  pipelineStages,
  stagesOf,
  PIPELINE_ORDERS,
  PIPELINE_SCOPES,
  type CiUser,
  type CommitNote,
  type Job,
  type Pipeline,
  type PipelineFilters,
  type PipelineOrder,
  type PipelineScope,
  type PipelineStage,
} from "./pipelines";
export { ciDuration, ciStatusLabel } from "./ci-status";
