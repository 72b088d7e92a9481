/** What a relation belongs to and what Ferry imports or exports: a group, or a project. */
export type PortableKind = "group" | "project";

/**
 * How a relation travels: `json` (`self.json.gz`), `ndjson` (`<relation>.ndjson.gz`, batchable), `file`
 * (`<relation>.tar.gz`), `rest` (the importer calls the source's REST API or git itself), or `graphql` (the importer
 * pages through the source's GraphQL API, as GitLab's MembersPipeline does for project members).
 */
export type RelationFormat = "json" | "ndjson" | "file" | "rest" | "graphql";

/** Where a relation runs for one kind of portable. */
export interface RelationUse {
  /** GitLab's stage: every pipeline of a stage runs at once, and a stage ends before the next starts. */
  stage: number;
  /** GitLab's pipeline class, recorded on failures (`Ferry::` where GitLab's direct transfer has none). */
  pipelineClass: string;
  /** The label where it differs between portables (`self` is "Group" or "Project"). */
  label?: string;
  /** The name in `export_relations` where it differs from the tracker's (`repository_bundle` reads `repository`). */
  exportRelation?: string;
  /** How it travels where that differs between portables (`members`: NDJSON for groups, GraphQL for projects). */
  format?: RelationFormat;
}

export interface RelationSpec {
  /** GitLab's relation / tracker name, unique per entity. */
  name: string;
  /** GitLab's human name (BULK_IMPORT_STATIC_ITEMS), as the pages show it. */
  label: string;
  /** How it travels, unless a portable's use says otherwise (see `formatOf`). */
  format: RelationFormat;
  group?: RelationUse;
  project?: RelationUse;
  /** Only a GitLab Enterprise source has it. */
  enterprise?: boolean;
  /** The first source version whose importer takes it (inclusive). */
  minSourceVersion?: string;
  /** The last source version whose importer takes it, with its patch releases ("15.3.0" covers 15.3.x). */
  maxSourceVersion?: string;
  /** Exported in batches of 1000 records when the importer asks for batches. */
  batchable?: boolean;
  /**
   * A has_one relation of settings (`project_feature`, `ci_cd_settings`...): one record, kept whole by the importer
   * and exported back as it came, so that nothing is lost whether or not Ferry acts on it.
   */
  setting?: boolean;
  /** What Ferry does with it today: imports for / exports from these portables. Anything else is not migrated yet. */
  ferry: { imports: readonly PortableKind[]; exports: readonly PortableKind[] };
}
