import type { PortableKind, RelationSpec } from "./types";

const GROUP: readonly PortableKind[] = ["group"];
const PROJECT: readonly PortableKind[] = ["project"];
const NONE: readonly PortableKind[] = [];
const groupOnly = { imports: GROUP, exports: GROUP };
const BOTH: readonly PortableKind[] = ["group", "project"];
// The common relations: one pipeline imports them and one exporter writes them for groups and projects alike.
const bothWays = { imports: BOTH, exports: BOTH };
const importedForGroups = { imports: GROUP, exports: NONE };
const importedForProjects = { imports: PROJECT, exports: NONE };
const projectsBothWays = { imports: PROJECT, exports: PROJECT };

const common = (name: string) => `BulkImports::Common::Pipelines::${name}Pipeline`;
const groups = (name: string) => `BulkImports::Groups::Pipelines::${name}Pipeline`;
const projects = (name: string) => `BulkImports::Projects::Pipelines::${name}Pipeline`;
// Relations that GitLab's project tree exports but its direct transfer imports through no pipeline of its own.
const ferry = (name: string) => `Ferry::Projects::Pipelines::${name}Pipeline`;

/**
 * Every GitLab relation Ferry knows, once: GitLab's group and project stages (lib/bulk_imports/{groups,projects}/
 * stage.rb, EE included) and the relations of their export trees. The importer's pipelines, the exporter's registry,
 * the pages' labels, the API version Ferry answers with, and the test source all read this list; a relation that
 * `ferry` does not list for a portable is shown as not migrated yet.
 *
 * Stages are Ferry's where they differ from GitLab's newest layout (group uploads run in stage 1, with the other
 * content that links to them resolved in stage 3): changing them would change running imports.
 */
export const RELATIONS: readonly RelationSpec[] = [
  // Stage 0: the portable itself.
  { name: "group", label: "Group", format: "rest", group: { stage: 0, pipelineClass: groups("Group") }, ferry: importedForGroups },
  { name: "project", label: "Project", format: "rest", project: { stage: 0, pipelineClass: projects("Project") }, ferry: importedForProjects },

  // Stage 1: attributes, settings and what later stages link to.
  {
    name: "self",
    label: "Group",
    format: "json",
    group: { stage: 1, pipelineClass: groups("GroupAttributes") },
    project: { stage: 1, pipelineClass: projects("ProjectAttributes"), label: "Project" },
    ferry: bothWays,
  },
  { name: "avatar", label: "Avatar", format: "rest", group: { stage: 1, pipelineClass: groups("GroupAvatar") }, ferry: importedForGroups },
  { name: "namespace_settings", label: "Namespace setting", format: "ndjson", group: { stage: 1, pipelineClass: groups("NamespaceSettings") }, minSourceVersion: "15.0.0", ferry: groupOnly },
  { name: "iterations", label: "Iteration", format: "rest", group: { stage: 1, pipelineClass: groups("Iterations") }, enterprise: true, maxSourceVersion: "15.3.0", ferry: importedForGroups },
  { name: "iterations_cadences", label: "Iteration cadence", format: "ndjson", group: { stage: 1, pipelineClass: groups("IterationsCadences") }, enterprise: true, minSourceVersion: "15.4.0", batchable: true, ferry: groupOnly },
  { name: "repository", label: "Repository", format: "rest", project: { stage: 1, pipelineClass: projects("Repository") }, maxSourceVersion: "15.0.0", ferry: importedForProjects },
  { name: "repository_bundle", label: "Repository", format: "file", project: { stage: 1, pipelineClass: projects("RepositoryBundle"), exportRelation: "repository" }, minSourceVersion: "15.1.0", ferry: { imports: PROJECT, exports: PROJECT } },
  { name: "labels", label: "Label", format: "ndjson", group: { stage: 1, pipelineClass: common("Labels") }, project: { stage: 2, pipelineClass: common("Labels") }, batchable: true, ferry: bothWays },
  { name: "milestones", label: "Milestone", format: "ndjson", group: { stage: 1, pipelineClass: common("Milestones") }, project: { stage: 2, pipelineClass: common("Milestones") }, batchable: true, ferry: bothWays },
  {
    name: "badges",
    label: "Badge",
    format: "ndjson",
    group: { stage: 1, pipelineClass: common("Badges") },
    project: { stage: 2, pipelineClass: common("Badges"), exportRelation: "project_badges" },
    batchable: true,
    ferry: bothWays,
  },
  // Direct transfer exports no project members (ProjectConfig::SKIPPED_RELATIONS): its MembersPipeline reads them by GraphQL.
  {
    name: "members",
    label: "Member",
    format: "ndjson",
    group: { stage: 1, pipelineClass: common("Members") },
    project: { stage: 1, pipelineClass: common("Members"), format: "graphql" },
    batchable: true,
    // Ferry as a source answers the GraphQL query for a project's members rather than exporting them, as GitLab does.
    ferry: { imports: BOTH, exports: GROUP },
  },
  { name: "uploads", label: "Upload", format: "file", group: { stage: 1, pipelineClass: common("Uploads") }, project: { stage: 5, pipelineClass: common("Uploads") }, batchable: true, ferry: bothWays },
  { name: "user_contributions", label: "User contribution", format: "ndjson", group: { stage: 1, pipelineClass: ferry("UserContributions") }, project: { stage: 1, pipelineClass: ferry("UserContributions") }, batchable: true, ferry: projectsBothWays },

  // Stage 2 (groups) and 3-4 (projects): content.
  { name: "boards", label: "Board", format: "ndjson", group: { stage: 2, pipelineClass: common("Boards") }, project: { stage: 4, pipelineClass: common("Boards") }, batchable: true, ferry: bothWays },
  { name: "epics", label: "Epic", format: "ndjson", group: { stage: 2, pipelineClass: groups("Epics") }, enterprise: true, batchable: true, ferry: groupOnly },
  { name: "epic_boards", label: "Epic board", format: "ndjson", group: { stage: 2, pipelineClass: groups("EpicBoards") }, enterprise: true, minSourceVersion: "18.4.0", batchable: true, ferry: groupOnly },
  { name: "wiki", label: "Wiki", format: "rest", group: { stage: 2, pipelineClass: common("Wiki") }, project: { stage: 5, pipelineClass: common("Wiki") }, ferry: importedForProjects },
  { name: "project_entities", label: "Project entities", format: "rest", group: { stage: 2, pipelineClass: groups("ProjectEntities") }, ferry: importedForGroups },
  { name: "issues", label: "Issue", format: "ndjson", project: { stage: 3, pipelineClass: projects("Issues") }, batchable: true, ferry: projectsBothWays },
  { name: "snippets", label: "Snippet", format: "ndjson", project: { stage: 3, pipelineClass: projects("Snippets") }, batchable: true, ferry: projectsBothWays },
  { name: "snippets_repository", label: "Snippet repository", format: "rest", project: { stage: 4, pipelineClass: projects("SnippetsRepository") }, ferry: importedForProjects },
  { name: "merge_requests", label: "Merge request", format: "ndjson", project: { stage: 4, pipelineClass: projects("MergeRequests") }, batchable: true, ferry: projectsBothWays },
  { name: "external_pull_requests", label: "External pull request", format: "ndjson", project: { stage: 4, pipelineClass: projects("ExternalPullRequests") }, batchable: true, ferry: projectsBothWays },
  { name: "protected_branches", label: "Protected Branch", format: "ndjson", project: { stage: 4, pipelineClass: projects("ProtectedBranches") }, batchable: true, ferry: projectsBothWays },
  { name: "protected_tags", label: "Protected tag", format: "ndjson", project: { stage: 4, pipelineClass: ferry("ProtectedTags") }, batchable: true, ferry: projectsBothWays },
  { name: "project_feature", label: "Project feature", format: "ndjson", project: { stage: 4, pipelineClass: projects("ProjectFeature") }, setting: true, ferry: projectsBothWays },
  { name: "container_expiration_policy", label: "Container expiration policy", format: "ndjson", project: { stage: 4, pipelineClass: projects("ContainerExpirationPolicy") }, setting: true, ferry: projectsBothWays },
  { name: "service_desk_setting", label: "Service Desk", format: "ndjson", project: { stage: 4, pipelineClass: projects("ServiceDeskSetting") }, setting: true, ferry: projectsBothWays },
  { name: "releases", label: "Release", format: "ndjson", project: { stage: 4, pipelineClass: projects("Releases") }, batchable: true, ferry: projectsBothWays },
  { name: "push_rule", label: "Push rule", format: "ndjson", project: { stage: 4, pipelineClass: projects("PushRule") }, enterprise: true, setting: true, ferry: projectsBothWays },
  { name: "custom_attributes", label: "Custom attribute", format: "ndjson", project: { stage: 4, pipelineClass: ferry("CustomAttributes") }, batchable: true, ferry: projectsBothWays },
  { name: "error_tracking_setting", label: "Error tracking setting", format: "ndjson", project: { stage: 4, pipelineClass: ferry("ErrorTrackingSetting") }, setting: true, ferry: projectsBothWays },
  { name: "ci_cd_settings", label: "CI/CD setting", format: "ndjson", project: { stage: 4, pipelineClass: ferry("CiCdSettings") }, setting: true, ferry: projectsBothWays },

  // Last stages: what refers to everything before.
  { name: "subgroups", label: "Subgroup", format: "rest", group: { stage: 3, pipelineClass: groups("SubgroupEntities") }, ferry: importedForGroups },
  { name: "uploads_references", label: "Uploads references", format: "rest", group: { stage: 3, pipelineClass: common("UploadsReferences") }, ferry: importedForGroups },
  { name: "ci_pipelines", label: "CI pipeline", format: "ndjson", project: { stage: 5, pipelineClass: projects("CiPipelines") }, batchable: true, ferry: projectsBothWays },
  { name: "auto_devops", label: "Auto DevOps", format: "ndjson", project: { stage: 5, pipelineClass: projects("AutoDevops") }, setting: true, ferry: projectsBothWays },
  { name: "pipeline_schedules", label: "Pipeline schedule", format: "ndjson", project: { stage: 5, pipelineClass: projects("PipelineSchedules") }, batchable: true, ferry: projectsBothWays },
  { name: "commit_notes", label: "Commit notes", format: "ndjson", project: { stage: 5, pipelineClass: projects("CommitNotes") }, minSourceVersion: "15.10.0", batchable: true, ferry: projectsBothWays },
  { name: "lfs_objects", label: "LFS object", format: "file", project: { stage: 5, pipelineClass: common("LfsObjects") }, ferry: projectsBothWays },
  { name: "design", label: "Design", format: "file", project: { stage: 5, pipelineClass: projects("DesignBundle") }, minSourceVersion: "15.1.0", ferry: projectsBothWays },
  { name: "references", label: "Reference", format: "rest", project: { stage: 5, pipelineClass: projects("References") }, ferry: importedForProjects },
];
