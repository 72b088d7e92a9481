import { describe, expect, it } from "vitest";
import { exporterNames, relationsFor } from "@/lib/exchange/relations/registry";
import { implementedRelations, pipelinesFor, type EntityContext } from "@/lib/migration/pipelines";
import { RELATIONS } from "./catalog";
import { answeredGitLabVersion, exportedRelationNames, exportsEnterpriseRelations, relationLabel, relationOf, relationsOf, sourceHasRelation } from "./lookup";
import type { PortableKind } from "./types";

const KINDS: PortableKind[] = ["group", "project"];
// Exports by the name the export_relations API gives them (`repository_bundle` is exported as `repository`).
const names = (kind: PortableKind, list: "imports" | "exports") =>
  RELATIONS.filter((spec) => spec.ferry[list].includes(kind))
    .map((spec) => (list === "exports" ? (spec[kind]?.exportRelation ?? spec.name) : spec.name))
    .sort();

describe("the relation catalog", () => {
  it("lists each relation once, each with a use for the portables Ferry migrates it for", () => {
    expect(new Set(RELATIONS.map((spec) => spec.name)).size).toBe(RELATIONS.length);
    for (const spec of RELATIONS) {
      for (const kind of [...spec.ferry.imports, ...spec.ferry.exports]) expect(spec[kind], `${spec.name} for ${kind}`).toBeDefined();
      expect(spec.group ?? spec.project, spec.name).toBeDefined();
    }
  });

  it("agrees with the importer's pipelines and the exporter's registry, both ways", () => {
    for (const kind of KINDS) {
      expect(implementedRelations(kind).sort(), `${kind} pipelines`).toEqual(names(kind, "imports"));
      expect(exporterNames(kind).sort(), `${kind} exporters`).toEqual(names(kind, "exports"));
      expect(relationsFor(kind).map((relation) => relation.name).sort()).toEqual(exportedRelationNames(kind).sort());
    }
  });

  it("orders a portable's relations by stage and gives each kind its own stage, class and label", () => {
    const stages = relationsOf("project").map((relation) => relation.stage);
    expect(stages).toEqual([...stages].sort((a, b) => a - b));
    expect(relationOf("group", "labels")).toMatchObject({ stage: 1, pipelineClass: "BulkImports::Common::Pipelines::LabelsPipeline" });
    expect(relationOf("project", "labels")).toMatchObject({ stage: 2 });
    expect(relationOf("project", "badges")?.exportRelation).toBe("project_badges");
    expect(relationLabel("self", "group")).toBe("Group");
    expect(relationLabel("self", "project")).toBe("Project");
    expect(relationOf("group", "issues")).toBeUndefined();
  });

  it("labels relations as GitLab does and humanises unknown ones", () => {
    expect(relationLabel("merge_requests")).toBe("Merge request");
    expect(relationLabel("some_new_thing")).toBe("Some new thing");
  });

  it("applies GitLab's version and edition gates, the maximum with its patch releases", () => {
    const iterations = RELATIONS.find((spec) => spec.name === "iterations")!;
    expect(sourceHasRelation(iterations, { version: "15.3.9-ee", enterprise: true })).toBe(true);
    expect(sourceHasRelation(iterations, { version: "15.4.0-ee", enterprise: true })).toBe(false);
    expect(sourceHasRelation(iterations, { version: "15.3.0", enterprise: false })).toBe(false);
    const cadences = RELATIONS.find((spec) => spec.name === "iterations_cadences")!;
    expect(sourceHasRelation(cadences, { version: "15.4.0-ee", enterprise: true })).toBe(true);
    expect(sourceHasRelation(cadences, { version: "15.3.9-ee", enterprise: true })).toBe(false);
  });

  it("gives the group pipelines GitLab's stages for a group entity", () => {
    const entity = { portable: "group", sourceVersion: "18.4.0-ee", sourceEnterprise: true, migrateProjects: true, migrateMemberships: true } as EntityContext;
    expect(pipelinesFor(entity).map((p) => [p.relation, p.stage])).toEqual([
      ["group", 0],
      ["self", 1],
      ["avatar", 1],
      ["namespace_settings", 1],
      ["iterations_cadences", 1],
      ["labels", 1],
      ["milestones", 1],
      ["badges", 1],
      ["members", 1],
      ["uploads", 1],
      ["boards", 2],
      ["epics", 2],
      ["epic_boards", 2],
      ["project_entities", 2],
      ["subgroups", 3],
      ["uploads_references", 3],
    ]);
  });

  it("gives a project entity the project pipelines Ferry has: the repository by bundle from 15.1, by mirror before", () => {
    const entity = { portable: "project", sourceVersion: "16.1.0", sourceEnterprise: false, migrateProjects: false, migrateMemberships: true } as EntityContext;
    expect(pipelinesFor(entity).map((p) => [p.relation, p.stage, p.pipelineClass])).toEqual([
      ["project", 0, "BulkImports::Projects::Pipelines::ProjectPipeline"],
      ["self", 1, "BulkImports::Projects::Pipelines::ProjectAttributesPipeline"],
      ["repository_bundle", 1, "BulkImports::Projects::Pipelines::RepositoryBundlePipeline"],
      ["members", 1, "BulkImports::Common::Pipelines::MembersPipeline"],
      ["user_contributions", 1, "Ferry::Projects::Pipelines::UserContributionsPipeline"],
      ["labels", 2, "BulkImports::Common::Pipelines::LabelsPipeline"],
      ["milestones", 2, "BulkImports::Common::Pipelines::MilestonesPipeline"],
      ["badges", 2, "BulkImports::Common::Pipelines::BadgesPipeline"],
      ["issues", 3, "BulkImports::Projects::Pipelines::IssuesPipeline"],
      ["snippets", 3, "BulkImports::Projects::Pipelines::SnippetsPipeline"],
      ["boards", 4, "BulkImports::Common::Pipelines::BoardsPipeline"],
      ["snippets_repository", 4, "BulkImports::Projects::Pipelines::SnippetsRepositoryPipeline"],
      ["merge_requests", 4, "BulkImports::Projects::Pipelines::MergeRequestsPipeline"],
      ["external_pull_requests", 4, "BulkImports::Projects::Pipelines::ExternalPullRequestsPipeline"],
      ["protected_branches", 4, "BulkImports::Projects::Pipelines::ProtectedBranchesPipeline"],
      ["protected_tags", 4, "Ferry::Projects::Pipelines::ProtectedTagsPipeline"],
      ["project_feature", 4, "BulkImports::Projects::Pipelines::ProjectFeaturePipeline"],
      ["container_expiration_policy", 4, "BulkImports::Projects::Pipelines::ContainerExpirationPolicyPipeline"],
      ["service_desk_setting", 4, "BulkImports::Projects::Pipelines::ServiceDeskSettingPipeline"],
      ["releases", 4, "BulkImports::Projects::Pipelines::ReleasesPipeline"],
      ["custom_attributes", 4, "Ferry::Projects::Pipelines::CustomAttributesPipeline"],
      ["error_tracking_setting", 4, "Ferry::Projects::Pipelines::ErrorTrackingSettingPipeline"],
      ["ci_cd_settings", 4, "Ferry::Projects::Pipelines::CiCdSettingsPipeline"],
      ["uploads", 5, "BulkImports::Common::Pipelines::UploadsPipeline"],
      ["wiki", 5, "BulkImports::Common::Pipelines::WikiPipeline"],
      ["ci_pipelines", 5, "BulkImports::Projects::Pipelines::CiPipelinesPipeline"],
      ["auto_devops", 5, "BulkImports::Projects::Pipelines::AutoDevopsPipeline"],
      ["pipeline_schedules", 5, "BulkImports::Projects::Pipelines::PipelineSchedulesPipeline"],
      ["commit_notes", 5, "BulkImports::Projects::Pipelines::CommitNotesPipeline"],
      ["lfs_objects", 5, "BulkImports::Common::Pipelines::LfsObjectsPipeline"],
      ["design", 5, "BulkImports::Projects::Pipelines::DesignBundlePipeline"],
      ["references", 5, "BulkImports::Projects::Pipelines::ReferencesPipeline"],
    ]);
    // An Enterprise source's push rule too.
    expect(pipelinesFor({ ...entity, sourceEnterprise: true }).map((p) => p.relation)).toContain("push_rule");
    const old = pipelinesFor({ ...entity, sourceVersion: "15.0.0", migrateMemberships: false }).map((p) => p.relation);
    expect(old.slice(0, 3)).toEqual(["project", "self", "repository"]);
    expect(old).not.toContain("members");
  });

  it("answers as the first GitLab version whose importers take everything Ferry exports", () => {
    expect(answeredGitLabVersion()).toBe("18.4.0");
    expect(exportsEnterpriseRelations()).toBe(true);
  });
});
