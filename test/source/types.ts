import type { RelationSource } from "./relation-source";

/** GitLab's member access levels. */
export const ACCESS = { none: 0, guest: 10, reporter: 20, developer: 30, maintainer: 40, owner: 50 } as const;

export type Visibility = "private" | "internal" | "public";

export interface TokenSpec {
  token: string;
  /** GitLab's scopes: `api` may do anything, `read_api` only GET requests. */
  scopes: readonly string[];
  userId: number;
  name?: string;
  /** "YYYY-MM-DD"; a token past this date is refused with GitLab's "Token has expired." 401. */
  expiresAt?: string | null;
}

export interface UserSpec {
  id: number;
  username: string;
  name?: string;
  publicEmail?: string | null;
  isAdmin?: boolean;
}

export interface GroupSpec {
  path: string;
  name?: string;
  /** Defaults to a fresh id. */
  id?: number;
  parentId?: number | null;
  visibility?: Visibility;
  description?: string;
  /**
   * Access levels by user id. Without it a top-level group is owned by every user (as the fixtures' groups are), and a
   * subgroup inherits from its parent. An entry, even `0`, overrides that default for its user.
   */
  access?: Record<number, number>;
  /** Relation records served by `export_relations`, by relation name. */
  relations?: Record<string, RelationSource>;
  /** Extra export attributes, merged into the `self` relation. */
  attributes?: Record<string, unknown>;
  createdAt?: string;
}

/** Project export trees under import_export/ (each is `<name>/tree/project.json` and `<name>/tree/project/`). */
export type ProjectFixture = "complex";

export interface ProjectSpec {
  /** The group the project lives in; its members have the same access to the project (owners own it). */
  groupId: number;
  path: string;
  /** Defaults to the path. */
  name?: string;
  /** Defaults to a fresh id (projects and groups count their ids apart, as GitLab's tables do). */
  id?: number;
  description?: string;
  /** Default: the fixture's visibility_level, else private. */
  visibility?: Visibility;
  archived?: boolean;
  /** What the API reports. Default: the branch HEAD names in `repository`, or "main" (GitLab's default_branch_or_main). */
  defaultBranch?: string | null;
  topics?: string[];
  /**
   * Absolute path of a bare git repository on disk, served as the project's `repository` relation (`git bundle create
   * --all` of it, in repository.tar.gz). Absent: an empty repository (an archive without a bundle).
   */
  repository?: string;
  /** Absolute path of a bare git repository served as the project's wiki (`<full path>.wiki.git`, GET /projects/:id/wikis). */
  wiki?: string;
  /**
   * The project's snippets as GraphQL's `project.snippets` lists them (title, createdAt, httpUrlToRepo), each with the
   * bare repository served at `<full path>/snippets/<id>.git` (none: a snippet without a repository, no URL). Their
   * records (the `snippets` relation) come from the fixture or `relations`.
   */
  snippets?: SnippetSpec[];
  /** GitLab's complex project export tree as the project's NDJSON relations and `self` attributes. */
  fixtureProject?: ProjectFixture;
  /** Relation sources by export relation name (`issues`, `project_badges`, `repository`...); they win over the fixture's. */
  relations?: Record<string, RelationSource>;
  /** Extra export attributes, merged into the `self` relation (and read by the REST entity where GitLab shows them). */
  attributes?: Record<string, unknown>;
  createdAt?: string;
  /** Direct members of the project (beside the fixture's project_members); users the store must know. */
  members?: { userId: number; accessLevel: number; expiresAt?: string | null }[];
}

export interface SnippetSpec {
  id: number;
  title: string;
  /** ISO 8601, as GitLab's GraphQL `createdAt`. */
  createdAt: string;
  /** Absolute path of a bare git repository; absent: the snippet has none (null `httpUrlToRepo`). */
  repository?: string;
}

/** Fixture trees under group_exports/ (each is `<name>/tree/groups`). */
export type FixtureTree = "complex" | "child_short_name" | "child_with_no_parent" | "visibility_levels/internal" | "visibility_levels/private";

export interface MountSpec {
  /** A fixture tree name, or an absolute path to a `tree/groups` folder. */
  fixture: FixtureTree | (string & {});
  /** New path for the tree's top-level group (its name too, unless `name` is given); subgroups keep theirs. */
  path?: string;
  name?: string;
  /** `original` keeps the fixture's ids; `fresh` allocates new ones. Default: original when they are all free. */
  ids?: "original" | "fresh";
  /** Access levels by user id for the top-level group (see GroupSpec.access). */
  access?: Record<number, number>;
}

export interface TestSourceOptions {
  /** What `/version` and `/metadata` report, and what the API behaves like. Default "17.8.0-ee". */
  version?: string;
  revision?: string;
  /** Default: true when the version ends in "-ee". */
  enterprise?: boolean;
  /** Default: one token, DEFAULT_TOKEN, with scope `api`, for user 1 (root). */
  tokens?: TokenSpec[];
  users?: UserSpec[];
  /** Fixture trees to serve. Default: the `complex` tree (groups 4351, 4352, 4353). */
  groups?: MountSpec[];
  /** How long an export stays at status 0 (started) before it is 1 (finished). Default 50 ms. */
  exportDelayMs?: number | ((relation: string) => number);
  /** Records per batch of a batched export. Default 1000, as GitLab's BatchedRelationExportService. */
  batchSize?: number;
  /** When false, `/version` answers 404 so that clients must fall back to `/metadata`. */
  versionEndpoint?: boolean;
  /** GitLab's `bulk_import_enabled` setting: when false every `export_relations` endpoint answers 404. */
  directTransferEnabled?: boolean;
  /**
   * A new export request reuses a finished export of the same kind younger than this (GitLab: 3 minutes for
   * non-batched exports). Default 0: every request starts a new export, which keeps tests predictable.
   */
  reuseExportsWithinMs?: number;
  /** zlib level of downloads. Default 1: the content is what matters, and benchmarks should not wait on the source. */
  gzipLevel?: number;
  /**
   * Keep each download's gzipped bytes once made and send them again, as GitLab stores an export's files and serves
   * them as they are: sending then costs what sending a file costs. Default false: a download is generated as it is
   * sent, so that a relation of any size never sits in memory. The benchmarks' source keeps them, because it shares
   * the cores with the import it serves and a real source does not.
   */
  keepDownloads?: boolean;
}

/** The options a running source keeps; tests may change them at any time through `source.config`. */
export type SourceConfig = Required<Omit<TestSourceOptions, "tokens" | "users" | "groups" | "enterprise">> & {
  enterprise: boolean | undefined;
};

export interface RequestLogEntry {
  method: string;
  /** Path as sent, percent-encoding kept. */
  path: string;
  query: Record<string, string>;
  /** The raw request target (path and query string) exactly as received. */
  url: string;
  /** The route template it matched (e.g. "/groups/:id/export_relations/status"), or null. */
  route: string | null;
  /** Status sent; 0 when the connection was dropped before any response. */
  status: number;
  /** When the request arrived (ms since epoch). */
  time: number;
  durationMs: number;
  /** How the token came: header (PRIVATE-TOKEN), bearer (Authorization), query (private_token), or not at all. */
  tokenVia: "header" | "bearer" | "query" | "basic" | null;
  /** Fault switches that acted on this request. */
  faults: string[];
  /** True when the response was cut short (reset or truncated). */
  aborted: boolean;
}

/** A response body of known length, sent chunk by chunk (faults may cut or slow it). */
export interface OutgoingBody {
  length: number;
  chunks(): AsyncIterable<Uint8Array>;
}
