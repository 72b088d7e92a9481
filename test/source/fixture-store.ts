import fs from "node:fs";
import { findRelationSpec, importsRelation, relationsOf, sourceHasRelation, travelsInExport, type RelationSpec } from "@/lib/relations";
import { ndjsonRecords, readProjectTree, readTree } from "./fixture-loader";
import { emptyRelation, fromArchive, fromFile, fromLfsObjects, fromRecords, fromRepository, type RelationSource } from "./relation-source";
import { ACCESS, type GroupSpec, type MountSpec, type ProjectSpec, type SnippetSpec, type TokenSpec, type UserSpec, type Visibility } from "./types";

export interface SourceGroup {
  readonly id: number;
  name: string;
  path: string;
  parentId: number | null;
  /** GitLab's visibility_level: 0 private, 10 internal, 20 public. */
  visibilityLevel: number;
  description: string;
  createdAt: string;
  /** The export attributes (the tree's `<id>.json`); the `self` relation serves them with the identity above. */
  attributes: Record<string, unknown>;
  relations: Map<string, RelationSource>;
  /** Explicit access levels by user id. */
  access: Map<number, number>;
  /** A top-level group without explicit access for a user is owned by that user. */
  ownedByDefault: boolean;
  /** The uploaded avatar, served by GET /groups/:id/avatar (see setAvatar). */
  avatar?: { filename: string; bytes: Buffer };
}

export interface SourceProject {
  readonly id: number;
  /** The group it lives in (projects of users' namespaces are not modelled). */
  groupId: number;
  name: string;
  path: string;
  /** `<group full path>/<path>`, as `path_with_namespace`. */
  readonly fullPath: string;
  description: string;
  /** GitLab's visibility_level: 0 private, 10 internal, 20 public. */
  visibilityLevel: number;
  archived: boolean;
  /** What the API reports; undefined: the branch HEAD names in the repository, or "main". */
  defaultBranch: string | null | undefined;
  topics: string[];
  /** The bare repository served as the `repository` relation; null: an empty repository. */
  repository: string | null;
  /** The bare repository served as the wiki; null: no wiki. */
  wiki: string | null;
  /** Snippets as GraphQL lists them, with their repositories (`<full path>/snippets/<id>.git`). */
  snippets: SnippetSpec[];
  createdAt: string;
  /** The project's export attributes (`self`), from the fixture's project.json and the spec. */
  attributes: Record<string, unknown>;
  /** Relation sources by export relation name; what is not here is empty (or an empty archive). */
  relations: Map<string, RelationSource>;
  /** Direct members of the project itself, by user id (the group's members have access through the group too). */
  members: Map<number, SourceProjectMember>;
}

export interface SourceProjectMember {
  accessLevel: number;
  createdAt: string;
  expiresAt: string | null;
}

export interface SourceUser {
  id: number;
  username: string;
  name: string;
  publicEmail: string | null;
  isAdmin: boolean;
  createdAt: string;
}

export interface MountedTree {
  root: SourceGroup;
  groups: SourceGroup[];
  /** Fixture id → id served. */
  idMap: Map<number, number>;
}

export const VISIBILITY_LEVELS: Record<Visibility, number> = { private: 0, internal: 10, public: 20 };

// Relations every group export has, even when the fixture has no file for them: GitLab exports each portable relation
// (an empty file for an empty one), so an importer finds a status for each (reference §9.2). They are the catalog's
// exported relations that Ferry's importer reads, under GitLab's own version and edition gates.
const EXPORTED = relationsOf("group").filter((relation) => relation.spec.format !== "rest" && importsRelation(relation.spec, "group"));
/** File relations: served as `<relation>.tar.gz`, an empty archive when the group has none. */
export const FILE_RELATIONS = new Set(EXPORTED.filter((relation) => relation.spec.format === "file").map((relation) => relation.name));
/** has_one relations and `self` are exported whole even in a batched export. */
export const UNBATCHABLE_RELATIONS = new Set(["self", ...EXPORTED.filter((relation) => !relation.spec.batchable).map((relation) => relation.name)]);

// A project's direct transfer export (reference §4.7, §8.2): its tree relations, file relations and `self`, less
// ProjectConfig::SKIPPED_RELATIONS (members, which come by GraphQL: the catalog says so). The catalog gives the names
// (`project_badges`, `repository`), GitLab's version and edition gates, and which relations GitLab batches.
const PROJECT_EXPORTED = relationsOf("project")
  .filter((relation) => travelsInExport(relation.format))
  .map((relation) => ({ name: relation.exportRelation ?? relation.name, spec: relation.spec }));
const PROJECT_SPECS = new Map<string, RelationSpec>(PROJECT_EXPORTED.map((relation) => [relation.name, relation.spec]));
/** EE tree relations of projects the catalog does not list: exported by an Enterprise source when the project has them. */
const PROJECT_ENTERPRISE_TREE = new Set(["protected_environments", "vulnerabilities", "security_setting", "approval_rules"]);
/** A project's file relations: `<relation>.tar.gz`. */
export const PROJECT_FILE_RELATIONS = new Set(PROJECT_EXPORTED.filter((relation) => relation.spec.format === "file").map((relation) => relation.name));
/**
 * Exported whole even in a batched export: `self`, has_one relations, and the repositories. GitLab batches every
 * has_many association, `lfs_objects` too (Project has_many :lfs_objects), which the catalog does not mark batchable.
 */
export const PROJECT_UNBATCHABLE_RELATIONS = new Set([
  "self",
  ...PROJECT_EXPORTED.filter((relation) => !relation.spec.batchable && relation.name !== "lfs_objects").map((relation) => relation.name),
]);

/** GitLab's fixture dates look like "2019-11-20 17:01:53 UTC"; the API speaks ISO 8601. */
export function isoDate(value: unknown, fallback = "2024-01-01T00:00:00.000Z"): string {
  if (typeof value !== "string") return fallback;
  const date = new Date(value.replace(/ UTC$/, "Z").replace(" ", "T"));
  return Number.isNaN(date.getTime()) ? fallback : date.toISOString();
}

export class FixtureStore {
  readonly groups = new Map<number, SourceGroup>();
  readonly projects = new Map<number, SourceProject>();
  readonly users = new Map<number, SourceUser>();
  readonly tokens = new Map<string, TokenSpec>();
  private nextId = 100_000;
  private nextProjectId = 200_000;

  addUser(spec: UserSpec): SourceUser {
    const user: SourceUser = {
      id: spec.id,
      username: spec.username,
      name: spec.name ?? titleCase(spec.username),
      publicEmail: spec.publicEmail ?? null,
      isAdmin: spec.isAdmin ?? false,
      createdAt: "2019-11-20T17:00:00.000Z",
    };
    this.users.set(user.id, user);
    return user;
  }

  addToken(spec: TokenSpec): void {
    this.tokens.set(spec.token, spec);
    if (!this.users.has(spec.userId)) this.addUser({ id: spec.userId, username: `user${spec.userId}` });
  }

  find(idOrPath: string | number): SourceGroup | undefined {
    if (typeof idOrPath === "number" || /^\d+$/.test(idOrPath)) return this.groups.get(Number(idOrPath));
    const wanted = idOrPath.toLowerCase();
    for (const group of this.groups.values()) if (this.fullPath(group).toLowerCase() === wanted) return group;
    return undefined;
  }

  get(idOrPath: string | number): SourceGroup {
    const group = this.find(idOrPath);
    if (!group) throw new Error(`No group ${idOrPath} on the test source`);
    return group;
  }

  parent(group: SourceGroup): SourceGroup | undefined {
    return group.parentId === null ? undefined : this.groups.get(group.parentId);
  }

  /** The group and its ancestors, nearest first. */
  lineage(group: SourceGroup): SourceGroup[] {
    const chain: SourceGroup[] = [];
    for (let g: SourceGroup | undefined = group; g; g = this.parent(g)) chain.push(g);
    return chain;
  }

  fullPath(group: SourceGroup): string {
    return this.lineage(group).reverse().map((g) => g.path).join("/");
  }

  fullName(group: SourceGroup): string {
    return this.lineage(group).reverse().map((g) => g.name).join(" / ");
  }

  children(group: SourceGroup): SourceGroup[] {
    return [...this.groups.values()].filter((g) => g.parentId === group.id);
  }

  descendants(group: SourceGroup): SourceGroup[] {
    return this.children(group).flatMap((child) => [child, ...this.descendants(child)]);
  }

  /** Effective access: the highest level granted on the group or an ancestor (members of a parent inherit). */
  accessLevel(group: SourceGroup, userId: number): number {
    let level: number = ACCESS.none;
    for (const g of this.lineage(group)) {
      const explicit = g.access.get(userId);
      if (explicit !== undefined) level = Math.max(level, explicit);
      else if (g.parentId === null && g.ownedByDefault) level = ACCESS.owner;
    }
    return level;
  }

  setAccess(idOrPath: string | number, userId: number, level: number): void {
    this.get(idOrPath).access.set(userId, level);
  }

  setRelation(idOrPath: string | number, relation: string, source: RelationSource): void {
    this.get(idOrPath).relations.set(relation, source);
  }

  /** Gives a group an avatar: its `self` attributes then carry GitLab's relative upload URL, the API an absolute one. */
  setAvatar(idOrPath: string | number, filename: string, bytes: Buffer): void {
    const group = this.get(idOrPath);
    group.avatar = { filename, bytes };
    group.attributes = { ...group.attributes, avatar: { url: `/uploads/-/system/group/avatar/${group.id}/${filename}` } };
  }

  addGroup(spec: GroupSpec): SourceGroup {
    const id = spec.id ?? this.freshId();
    if (this.groups.has(id)) throw new Error(`Group id ${id} is taken on the test source`);
    const parentId = spec.parentId ?? null;
    if (parentId !== null && !this.groups.has(parentId)) throw new Error(`No parent group ${parentId}`);
    const name = spec.name ?? spec.path;
    const visibilityLevel = VISIBILITY_LEVELS[spec.visibility ?? "private"];
    const createdAt = isoDate(spec.createdAt);
    const attributes: Record<string, unknown> = {
      ...syntheticAttributes(createdAt),
      ...spec.attributes,
    };
    const group = this.insert({
      id,
      name,
      path: spec.path,
      parentId,
      visibilityLevel,
      description: spec.description ?? "",
      createdAt,
      attributes,
      relations: new Map(Object.entries(spec.relations ?? {})),
      access: new Map(Object.entries(spec.access ?? {}).map(([user, level]) => [Number(user), level])),
      ownedByDefault: spec.access === undefined,
    });
    return group;
  }

  /** Serves a fixture tree, under its own ids and paths or under new ones. */
  mount(spec: MountSpec): MountedTree {
    const tree = readTree(spec.fixture);
    const originalIds = tree.map((g) => g.id);
    const fresh = spec.ids === "fresh" || (spec.ids !== "original" && originalIds.some((id) => this.groups.has(id)));
    const idMap = new Map(originalIds.map((id) => [id, fresh ? this.freshId(originalIds) : id]));
    const mounted: SourceGroup[] = [];

    for (const [index, node] of tree.entries()) {
      const attrs = node.attributes;
      const originalParent = typeof attrs.parent_id === "number" ? attrs.parent_id : null;
      const parentId = originalParent === null ? null : (idMap.get(originalParent) ?? null);
      const isRoot = index === 0;
      const path = isRoot && spec.path ? spec.path : String(attrs.path);
      const name = isRoot ? (spec.name ?? spec.path ?? String(attrs.name)) : String(attrs.name);
      const relations = new Map<string, RelationSource>([...node.relationFiles].map(([relation, file]) => [relation, fromFile(file)]));
      mounted.push(
        this.insert({
          id: idMap.get(node.id) ?? node.id,
          name,
          path,
          parentId,
          visibilityLevel: typeof attrs.visibility_level === "number" ? attrs.visibility_level : 0,
          description: typeof attrs.description === "string" ? attrs.description : "",
          createdAt: isoDate(attrs.created_at),
          attributes: attrs,
          relations,
          access: new Map(isRoot ? Object.entries(spec.access ?? {}).map(([user, level]) => [Number(user), level]) : []),
          ownedByDefault: !isRoot || spec.access === undefined,
        }),
      );
    }
    for (const group of mounted) this.registerMembers(group);
    const root = mounted[0];
    if (!root) throw new Error(`Empty fixture tree ${spec.fixture}`);
    return { root, groups: mounted, idMap };
  }

  /** Relations a group exports, `self` first; EE-only relations only on an enterprise source, `epic_boards` from 18.4. */
  exportRelations(group: SourceGroup, enterprise: boolean, version: string): string[] {
    const standard = EXPORTED.filter((relation) => relation.name !== "self" && sourceHasRelation(relation.spec, { version, enterprise })).map((relation) => relation.name);
    const enterpriseOnly = (name: string) => findRelationSpec(name)?.enterprise === true;
    const names = new Set([...standard, ...group.relations.keys()]);
    return ["self", ...[...names].filter((name) => (enterprise || !enterpriseOnly(name)) && this.relationSource(group, name).kind !== "absent")];
  }

  /** The records of one relation; `self` is the group's attributes, as one JSON document. */
  relationSource(group: SourceGroup, relation: string): RelationSource {
    if (relation === "self") return { kind: "records", records: [this.selfAttributes(group)] };
    return group.relations.get(relation) ?? (FILE_RELATIONS.has(relation) ? fromArchive([]) : emptyRelation);
  }

  selfAttributes(group: SourceGroup): Record<string, unknown> {
    return {
      ...group.attributes,
      name: group.name,
      path: group.path,
      description: group.description,
      visibility_level: group.visibilityLevel,
      parent_id: group.parentId,
      id: group.id,
    };
  }

  /** A project of the source, in a group: the group's members have the same access to it. */
  addProject(spec: ProjectSpec): SourceProject {
    const group = this.groups.get(spec.groupId);
    if (!group) throw new Error(`No group ${spec.groupId} for project ${spec.path} on the test source`);
    const id = spec.id ?? this.freshProjectId();
    if (this.projects.has(id)) throw new Error(`Project id ${id} is taken on the test source`);
    if (this.projectAt(group.id, spec.path) || this.children(group).some((g) => g.path.toLowerCase() === spec.path.toLowerCase())) {
      throw new Error(`Path ${spec.path} is taken in ${this.fullPath(group)} on the test source`);
    }
    const tree = spec.fixtureProject ? readProjectTree(spec.fixtureProject) : undefined;
    const fixtureAttributes = tree?.attributes ?? {};
    // A project is never more visible than its group (GitLab refuses to save one): the fixture's level is lowered.
    const fixtureLevel = typeof fixtureAttributes.visibility_level === "number" ? fixtureAttributes.visibility_level : VISIBILITY_LEVELS.private;
    const visibilityLevel = spec.visibility ? VISIBILITY_LEVELS[spec.visibility] : Math.min(fixtureLevel, group.visibilityLevel);
    if (visibilityLevel > group.visibilityLevel) {
      throw new Error(`Project ${spec.path} cannot be more visible than its group ${this.fullPath(group)} (GitLab refuses it)`);
    }
    const createdAt = isoDate(spec.createdAt);
    const relations = new Map<string, RelationSource>();
    for (const [relation, file] of tree?.relationFiles ?? []) {
      // project_members, services, triggers... are in the fixture but not in a direct transfer export.
      if (PROJECT_SPECS.has(relation) || PROJECT_ENTERPRISE_TREE.has(relation)) relations.set(relation, fromFile(file));
    }
    for (const [relation, source] of Object.entries(spec.relations ?? {})) relations.set(relation, source);
    const members = new Map<number, SourceProjectMember>();
    // The fixture's project_members are the project's direct members (GraphQL serves them; the export does not).
    for (const record of tree?.relationFiles.has("project_members") ? ndjsonRecords(tree.relationFiles.get("project_members")!) : []) {
      const user = record.user as { id: number; username: string; public_email?: string | null };
      if (!this.users.has(user.id)) this.addUser({ id: user.id, username: user.username, publicEmail: user.public_email ?? null });
      members.set(user.id, { accessLevel: Number(record.access_level), createdAt: isoDate(record.created_at), expiresAt: typeof record.expires_at === "string" ? record.expires_at : null });
    }
    for (const member of spec.members ?? []) members.set(member.userId, { accessLevel: member.accessLevel, createdAt: createdAt, expiresAt: member.expiresAt ?? null });
    const fullPathOf = (p: SourceProject) => this.projectFullPath(p);
    const project: SourceProject = {
      id,
      groupId: group.id,
      name: spec.name ?? spec.path,
      path: spec.path,
      get fullPath() {
        return fullPathOf(this);
      },
      description: spec.description ?? (typeof fixtureAttributes.description === "string" ? fixtureAttributes.description : ""),
      visibilityLevel,
      archived: spec.archived ?? fixtureAttributes.archived === true,
      defaultBranch: spec.defaultBranch,
      topics: [...(spec.topics ?? [])],
      repository: spec.repository ?? null,
      wiki: spec.wiki ?? null,
      snippets: [...(spec.snippets ?? [])],
      createdAt,
      attributes: { ...syntheticProjectAttributes(), ...fixtureAttributes, ...spec.attributes },
      relations,
      members,
    };
    this.projects.set(id, project);
    return project;
  }

  findProject(idOrPath: string | number): SourceProject | undefined {
    if (typeof idOrPath === "number" || /^\d+$/.test(idOrPath)) return this.projects.get(Number(idOrPath));
    const wanted = idOrPath.toLowerCase();
    for (const project of this.projects.values()) if (this.projectFullPath(project).toLowerCase() === wanted) return project;
    return undefined;
  }

  getProject(idOrPath: string | number): SourceProject {
    const project = this.findProject(idOrPath);
    if (!project) throw new Error(`No project ${idOrPath} on the test source`);
    return project;
  }

  projectGroup(project: SourceProject): SourceGroup {
    return this.get(project.groupId);
  }

  projectFullPath(project: SourceProject): string {
    return `${this.fullPath(this.projectGroup(project))}/${project.path}`;
  }

  projectFullName(project: SourceProject): string {
    return `${this.fullName(this.projectGroup(project))} / ${project.name}`;
  }

  /** The projects of a group, and of its descendants with `withSubgroups`. */
  projectsOf(group: SourceGroup, withSubgroups = false): SourceProject[] {
    const groupIds = new Set([group.id, ...(withSubgroups ? this.descendants(group).map((g) => g.id) : [])]);
    return [...this.projects.values()].filter((project) => groupIds.has(project.groupId));
  }

  /** A project's members are its group's: the same access (inherited from ancestors as well). */
  projectAccessLevel(project: SourceProject, userId: number): number {
    return this.accessLevel(this.projectGroup(project), userId);
  }

  setProjectRelation(idOrPath: string | number, relation: string, source: RelationSource): void {
    this.getProject(idOrPath).relations.set(relation, source);
  }

  /** Whether the source has this relation for projects (its version and edition gates); others it exports too. */
  private projectRelationOnSource(relation: string, enterprise: boolean, version: string): boolean {
    const spec = PROJECT_SPECS.get(relation);
    if (spec) return sourceHasRelation(spec, { version, enterprise });
    if (PROJECT_ENTERPRISE_TREE.has(relation)) return enterprise;
    return true;
  }

  /**
   * Relations a project exports, `self` first: every relation GitLab's project export has on this version and edition
   * (`repository` and `design` from 15.1), and any other the project was given.
   */
  projectExportRelations(project: SourceProject, enterprise: boolean, version: string): string[] {
    const names = new Set([...PROJECT_SPECS.keys(), ...project.relations.keys()]);
    names.delete("self");
    return [
      "self",
      ...[...names].filter((name) => this.projectRelationOnSource(name, enterprise, version) && this.projectRelationSource(project, name).kind !== "absent"),
    ];
  }

  /** GitLab's `project_portable` check of a download's relation: a relation a project export of this source has. */
  projectPortable(project: SourceProject, relation: string, enterprise: boolean, version: string): boolean {
    const known = PROJECT_SPECS.has(relation) || PROJECT_ENTERPRISE_TREE.has(relation) || project.relations.has(relation);
    return known && this.projectRelationOnSource(relation, enterprise, version);
  }

  /** The records of one project relation; `self` is the project's attributes, as one JSON document. */
  projectRelationSource(project: SourceProject, relation: string): RelationSource {
    if (relation === "self") return { kind: "records", records: [this.projectSelfAttributes(project)] };
    const own = project.relations.get(relation);
    if (own) return own;
    switch (relation) {
      case "repository":
        return fromRepository(project.repository);
      case "design":
        return fromRepository(null, "design.bundle");
      case "lfs_objects":
        return fromLfsObjects([]);
      case "uploads":
        return fromArchive([]);
      case "user_contributions":
        return fromRecords(this.projectContributors(project));
      default:
        return emptyRelation;
    }
  }

  /**
   * GitLab's `user_contributions` of a project: every user its records name. Here its direct members (the fixture's
   * other authors are not users of this source), as `[id, public_email, username, name]`.
   */
  projectContributors(project: SourceProject): Record<string, unknown>[] {
    return [...project.members.keys()]
      .sort((a, b) => a - b)
      .flatMap((id) => {
        const user = this.users.get(id);
        return user ? [{ id: user.id, public_email: user.publicEmail, username: user.username, name: user.name }] : [];
      });
  }

  /**
   * The project's `self` export: its attributes without what GitLab's project export excludes (id, name, path,
   * namespace...), as ProjectAttributesPipeline reads them.
   */
  projectSelfAttributes(project: SourceProject): Record<string, unknown> {
    return {
      ...project.attributes,
      description: project.description,
      visibility_level: project.visibilityLevel,
      archived: project.archived,
    };
  }

  /** The project at `path` in a group, if any. */
  private projectAt(groupId: number, path: string): SourceProject | undefined {
    const wanted = path.toLowerCase();
    for (const project of this.projects.values()) if (project.groupId === groupId && project.path.toLowerCase() === wanted) return project;
    return undefined;
  }

  private freshProjectId(): number {
    while (this.projects.has(this.nextProjectId)) this.nextProjectId += 1;
    const id = this.nextProjectId;
    this.nextProjectId += 1;
    return id;
  }

  private insert(group: SourceGroup): SourceGroup {
    const taken = [...this.groups.values()].find(
      (g) => g.parentId === group.parentId && g.path.toLowerCase() === group.path.toLowerCase(),
    );
    if (taken) throw new Error(`Path ${group.path} is taken under ${group.parentId ?? "the root"} on the test source`);
    if (group.parentId !== null && this.projectAt(group.parentId, group.path)) {
      throw new Error(`Path ${group.path} is taken by a project under ${group.parentId} on the test source`);
    }
    this.groups.set(group.id, group);
    return group;
  }

  private freshId(avoid: number[] = []): number {
    while (this.groups.has(this.nextId) || avoid.includes(this.nextId)) this.nextId += 1;
    const id = this.nextId;
    this.nextId += 1;
    return id;
  }

  /** Users of members.ndjson become users of the source, so `GET /users/:id` finds them. Fixture files are small. */
  private registerMembers(group: SourceGroup): void {
    const members = group.relations.get("members");
    if (!members || members.kind !== "file") return;
    for (const line of fs.readFileSync(members.path, "utf8").split("\n")) {
      if (!line) continue;
      const user = (JSON.parse(line) as { user?: { id?: number; username?: string; public_email?: string; email?: string } }).user;
      if (!user?.id || !user.username || this.users.has(user.id)) continue;
      this.addUser({ id: user.id, username: user.username, publicEmail: user.public_email ?? user.email ?? null });
    }
  }
}

function titleCase(username: string): string {
  return username
    .split(/[._-]+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join(" ");
}

/** Export attributes of a made-up group, in the shape of the fixtures' `<id>.json`. */
function syntheticAttributes(createdAt: string): Record<string, unknown> {
  return {
    owner_id: null,
    created_at: createdAt,
    updated_at: createdAt,
    avatar: { url: null },
    membership_lock: false,
    share_with_group_lock: false,
    request_access_enabled: true,
    lfs_enabled: null,
    require_two_factor_authentication: false,
    two_factor_grace_period: 48,
    project_creation_level: 2,
    auto_devops_enabled: null,
    subgroup_creation_level: 1,
    emails_disabled: null,
    mentions_disabled: null,
  };
}

/**
 * Export attributes of a made-up project, as a project's `self` has them (included attributes of GitLab's project
 * import_export.yml, GitLab's defaults for a new project).
 */
function syntheticProjectAttributes(): Record<string, unknown> {
  return {
    description: "",
    visibility_level: 0,
    archived: false,
    merge_requests_template: null,
    merge_requests_rebase_enabled: false,
    approvals_before_merge: 0,
    reset_approvals_on_push: true,
    merge_requests_ff_only_enabled: false,
    issues_template: null,
    shared_runners_enabled: true,
    build_allow_git_fetch: true,
    build_timeout: 3600,
    pending_delete: false,
    public_builds: true,
    last_repository_check_failed: null,
    container_registry_enabled: true,
    only_allow_merge_if_pipeline_succeeds: false,
    has_external_issue_tracker: false,
    request_access_enabled: true,
    has_external_wiki: false,
    ci_config_path: null,
    only_allow_merge_if_all_discussions_are_resolved: false,
    repository_size_limit: null,
    printing_merge_request_link_enabled: true,
    auto_cancel_pending_pipelines: "enabled",
    service_desk_enabled: false,
    delete_error: null,
    disable_overriding_approvers_per_merge_request: null,
    resolve_outdated_diff_discussions: false,
    jobs_cache_index: null,
    external_authorization_classification_label: null,
    pages_https_only: false,
    merge_requests_author_approval: null,
    merge_requests_disable_committers_approval: null,
    require_password_to_approve: null,
    remove_source_branch_after_merge: true,
    autoclose_referenced_issues: true,
    suggestion_commit_message: null,
    merge_commit_template: null,
    squash_commit_template: null,
    issue_branch_template: null,
    allow_merge_on_skipped_pipeline: false,
    squash_option: "default_off",
  };
}
