import { randomInt } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { authenticate } from "./auth";
import { takeFault, type RequestContext } from "./context";
import { ExportRegistry } from "./export-state";
import { FaultControl } from "./faults";
import { GIT_PATH, serveGit } from "./git-http";
import { FixtureStore, type MountedTree, type SourceGroup, type SourceProject } from "./fixture-store";
import type { RelationSource } from "./relation-source";
import { apiError, dropConnection, routeNotFound } from "./respond";
import { Router } from "./router";
import { ROUTES } from "./routes";
import {
  downloadGroupExport,
  downloadProjectExport,
  getGroupExportStatus,
  getProjectExportStatus,
  startGroupExport,
  startProjectExport,
} from "./routes-export";
import {
  getGroup,
  getGroupAvatar,
  listAllGroups,
  listBadges,
  listDescendantGroups,
  listIterations,
  listMembers,
  listProjects,
  listSubgroups,
} from "./routes-groups";
import { getCurrentUser, getMetadata, getTokenSelf, getUser, getVersion } from "./routes-instance";
import { postGraphql } from "./routes-graphql";
import { getProject, listWikis } from "./routes-projects";
import type { GroupSpec, MountSpec, ProjectSpec, RequestLogEntry, SourceConfig, TestSourceOptions, TokenSpec, UserSpec } from "./types";

export const DEFAULT_TOKEN = "glpat-ferry-test-source";
const API_PREFIX = "/api/v4";
const GRAPHQL_PATH = "/api/graphql";

export interface TestSource {
  /** http://127.x.y.z:PORT (the instance URL a user would enter). */
  readonly url: string;
  /** `${url}/api/v4`. */
  readonly apiUrl: string;
  /** Runtime options; change them at any time (e.g. `source.config.version = "16.1.0"`). */
  readonly config: SourceConfig;
  readonly faults: FaultControl;
  /** Every request, in arrival order. */
  readonly requests: RequestLogEntry[];
  readonly store: FixtureStore;
  addGroup(spec: GroupSpec): SourceGroup;
  /** `count` top-level (or `parentId`) groups made by `spec(i)`, i from 1. */
  addGroups(count: number, spec?: (index: number) => Partial<GroupSpec>): SourceGroup[];
  mountFixture(spec: MountSpec): MountedTree;
  setRelation(group: number | string, relation: string, source: RelationSource): void;
  setAccess(group: number | string, userId: number, level: number): void;
  /** Gives a group an uploaded avatar (GET /groups/:id/avatar, avatar_url, `self`'s avatar.url). */
  setAvatar(group: number | string, filename: string, bytes: Buffer): void;
  group(idOrPath: number | string): SourceGroup;
  /** A project in a group (`groupId`), served by GET /projects/:id, GET /groups/:id/projects and its own export_relations. */
  addProject(spec: ProjectSpec): SourceProject;
  /** Overrides one export relation of a project (`repository`, `issues`, `project_badges`...), as setRelation for groups. */
  setProjectRelation(project: number | string, relation: string, source: RelationSource): void;
  project(idOrPath: number | string): SourceProject;
  addToken(token: TokenSpec): void;
  addUser(user: UserSpec): void;
  /** Forgets every export, as a fresh source. */
  resetExports(): void;
  clearRequests(): void;
  close(): Promise<void>;
}

function buildRouter(): Router {
  return new Router()
    .add("GET", ROUTES.version, getVersion)
    .add("GET", ROUTES.metadata, getMetadata)
    .add("GET", ROUTES.tokenSelf, getTokenSelf)
    .add("GET", ROUTES.currentUser, getCurrentUser)
    .add("GET", ROUTES.user, getUser)
    .add("GET", ROUTES.groups, listAllGroups)
    .add("GET", ROUTES.group, getGroup)
    .add("GET", ROUTES.subgroups, listSubgroups)
    .add("GET", ROUTES.descendantGroups, listDescendantGroups)
    .add("GET", ROUTES.projects, listProjects)
    .add("GET", ROUTES.badges, listBadges)
    .add("GET", ROUTES.members, listMembers)
    .add("GET", ROUTES.groupAvatar, getGroupAvatar)
    .add("GET", ROUTES.iterations, listIterations)
    .add("POST", ROUTES.exportRelations, startGroupExport)
    .add("GET", ROUTES.exportStatus, getGroupExportStatus)
    .add("GET", ROUTES.exportDownload, downloadGroupExport)
    .add("GET", ROUTES.project, getProject)
    .add("GET", ROUTES.projectWikis, listWikis)
    .add("POST", ROUTES.projectExportRelations, startProjectExport)
    .add("GET", ROUTES.projectExportStatus, getProjectExportStatus)
    .add("GET", ROUTES.projectExportDownload, downloadProjectExport);
}

/** Starts a stand-in GitLab on a loopback address of its own and a free port. */
export async function startTestSource(options: TestSourceOptions = {}): Promise<TestSource> {
  const config: SourceConfig = {
    version: options.version ?? "17.8.0-ee",
    revision: options.revision ?? "3ab7c0f1d2e",
    enterprise: options.enterprise,
    exportDelayMs: options.exportDelayMs ?? 50,
    batchSize: options.batchSize ?? 1000,
    versionEndpoint: options.versionEndpoint ?? true,
    directTransferEnabled: options.directTransferEnabled ?? true,
    reuseExportsWithinMs: options.reuseExportsWithinMs ?? 0,
    gzipLevel: options.gzipLevel ?? 1,
    keepDownloads: options.keepDownloads ?? false,
  };
  const store = new FixtureStore();
  store.addUser({ id: 1, username: "root", name: "Administrator", publicEmail: "admin@example.com" });
  for (const user of options.users ?? []) store.addUser(user);
  for (const token of options.tokens ?? [{ token: DEFAULT_TOKEN, scopes: ["api"], userId: 1 }]) store.addToken(token);
  for (const mount of options.groups ?? [{ fixture: "complex" }]) store.mount(mount);

  const faults = new FaultControl();
  const exports = new ExportRegistry();
  const requests: RequestLogEntry[] = [];
  const router = buildRouter();
  let baseUrl = "";

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: "500 Internal Server Error", detail: String(error) }));
      } else {
        res.destroy();
      }
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const time = Date.now();
    const url = new URL(req.url ?? "/", baseUrl);
    const method = req.method ?? "GET";
    const log: RequestLogEntry = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      url: req.url ?? "/",
      route: null,
      status: 0,
      time,
      durationMs: 0,
      tokenVia: null,
      faults: [],
      aborted: false,
    };
    requests.push(log);
    res.on("close", () => {
      log.durationMs = Date.now() - time;
    });
    // Git over smart HTTP (Workhorse's routes), before anything reads the body: it is the pack negotiation.
    if (GIT_PATH.test(url.pathname)) return serveGit(req, res, url, store, log);

    const query = new URLSearchParams(url.searchParams);
    for (const [key, value] of await readBodyParams(req)) if (!query.has(key)) query.append(key, value);
    const match =
      url.pathname === GRAPHQL_PATH && method === "POST"
        ? { template: GRAPHQL_PATH, params: {}, handler: postGraphql }
        : url.pathname.startsWith(`${API_PREFIX}/`)
          ? router.match(method, url.pathname.slice(API_PREFIX.length))
          : undefined;
    log.route = match?.template ?? null;
    const params = match?.params ?? {};
    const batchNumber = query.get("batch_number");
    const ctx = {
      req,
      res,
      url,
      params,
      query,
      log,
      baseUrl,
      store,
      config,
      faults,
      exports,
      target: {
        method,
        pathname: url.pathname,
        route: log.route,
        relation: query.get("relation") ?? undefined,
        batchNumber: batchNumber && /^\d+$/.test(batchNumber) ? Number(batchNumber) : undefined,
        // The `:id` of a group route or of a project route, for faults scoped to one group or one project.
        groupId: params.id !== undefined && log.route?.startsWith("/groups/") ? store.find(params.id)?.id : undefined,
        projectId: params.id !== undefined && log.route?.startsWith("/projects/") ? store.findProject(params.id)?.id : undefined,
      },
      // user and token are filled in by authenticate() before any handler runs.
    } as RequestContext;

    // Faults that act before the request is handled: as a slow or throttled front end, or a dead connection.
    // One delay per request: taking faults until none is left would never end with an unlimited one.
    const delay = takeFault(ctx, "delay");
    if (delay) await sleep(delay.ms);
    const reset = takeFault(ctx, "reset", (spec) => spec.when === "before-response");
    if (reset) return dropConnection(ctx, reset.how ?? "rst");
    const limited = takeFault(ctx, "rate-limit");
    if (limited) return rateLimited(ctx, limited.retryAfter ?? 1);
    const failed = takeFault(ctx, "server-error");
    if (failed) return apiError(ctx, failed.status ?? 500, `${failed.status ?? 500} Internal Server Error`);

    // GitLab's catch-all route answers unknown paths before any authentication.
    if (!match) return routeNotFound(ctx);
    if (!(await authenticate(ctx))) return;
    await match.handler(ctx);
  }

  // A loopback address of its own (all of 127.0.0.0/8 is this machine's): Ferry keys what it learns of a source by its
  // URL (source users, their names and emails), and sources of tests running in parallel on one database must not
  // share one through a port the system handed out again.
  const host = `127.${1 + randomInt(254)}.${randomInt(256)}.${1 + randomInt(254)}`;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${host}:${port}`;

  return {
    url: baseUrl,
    apiUrl: `${baseUrl}${API_PREFIX}`,
    config,
    faults,
    requests,
    store,
    addGroup: (spec) => store.addGroup(spec),
    addGroups: (count, spec = () => ({})) =>
      Array.from({ length: count }, (_, i) => {
        const partial = spec(i + 1);
        return store.addGroup({ ...partial, path: partial.path ?? `group-${String(i + 1).padStart(3, "0")}` });
      }),
    mountFixture: (spec) => store.mount(spec),
    setRelation: (group, relation, source) => store.setRelation(group, relation, source),
    setAccess: (group, userId, level) => store.setAccess(group, userId, level),
    setAvatar: (group, filename, bytes) => store.setAvatar(group, filename, bytes),
    group: (idOrPath) => store.get(idOrPath),
    addProject: (spec) => store.addProject(spec),
    setProjectRelation: (project, relation, source) => store.setProjectRelation(project, relation, source),
    project: (idOrPath) => store.getProject(idOrPath),
    addToken: (token) => store.addToken(token),
    addUser: (user) => void store.addUser(user),
    resetExports: () => exports.clear(),
    clearRequests: () => void requests.splice(0, requests.length),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
        // Removes the files exports made (repository bundles).
        exports.clear();
      }),
  };
}

/** Rack::Attack's throttled response, as GitLab sends it for API rate limits. */
function rateLimited(ctx: RequestContext, retryAfter: number): void {
  const reset = Math.ceil(Date.now() / 1000) + retryAfter;
  ctx.res.writeHead(429, {
    "content-type": "text/plain",
    "retry-after": String(retryAfter),
    "ratelimit-name": "throttle_authenticated_api",
    "ratelimit-limit": "2000",
    "ratelimit-observed": "2001",
    "ratelimit-remaining": "0",
    "ratelimit-reset": String(reset),
    "ratelimit-resettime": new Date(reset * 1000).toUTCString(),
  });
  ctx.log.status = 429;
  ctx.res.end("Retry later\n");
}

/** Parameters in a POST body (JSON or form), which GitLab's API accepts as well as the query string. */
async function readBodyParams(req: IncomingMessage): Promise<[string, string][]> {
  if (req.method === "GET" || req.method === "HEAD") return [];
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return [];
  if ((req.headers["content-type"] ?? "").includes("json")) {
    try {
      const body = JSON.parse(text) as Record<string, unknown>;
      // Objects (GraphQL's `variables`) stay JSON, for the handler to parse.
      return Object.entries(body).map(([key, value]) => [key, value !== null && typeof value === "object" ? JSON.stringify(value) : String(value)]);
    } catch {
      return [];
    }
  }
  return [...new URLSearchParams(text)];
}

