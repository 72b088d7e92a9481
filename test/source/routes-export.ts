import { takeFault, type RequestContext } from "./context";
import { downloadBody } from "./download";
import {
  FINISHED,
  batchCount,
  batchRange,
  batchStatus,
  exportStatus,
  presentExport,
  type RelationExport,
} from "./export-state";
import { PROJECT_UNBATCHABLE_RELATIONS, UNBATCHABLE_RELATIONS } from "./fixture-store";
import { booleanParam } from "./params";
import { countRecords, type RelationSource } from "./relation-source";
import { repositoryArchive } from "./repository-archive";
import { routeGroup } from "./routes-groups";
import { routeProject } from "./routes-projects";
import { apiError, grapeError, sendBody, sendJson } from "./respond";
import { ACCESS } from "./types";
import { features, parseVersion } from "./version";

// lib/api/group_export.rb and lib/api/project_export.rb, which mirror each other: 404 while bulk_import_enabled is
// off, then the portable (404 when the user cannot see it), then its admin ability (owners of a group, maintainers
// of a project; 403 below), and every export belongs to the user who asked for it.

/** What the export endpoints need of the group or project they act on. */
interface Exportable {
  /** The registry's key: `group:<id>` or `project:<id>`. */
  key: string;
  /** The relations an export covers on this source, `self` first. */
  relations(enterprise: boolean, version: string): string[];
  source(relation: string): RelationSource;
  unbatchable: ReadonlySet<string>;
  /**
   * Whether the download's `relation` names one GitLab exports for this kind of portable: the project API validates it
   * (`project_portable`, 400 otherwise); the group API does not (404 `Export not found`).
   */
  portable?(relation: string, enterprise: boolean, version: string): boolean;
}

/** The checks every export endpoint starts with; undefined once an error has been answered. */
async function guard<T>(ctx: RequestContext, find: (ctx: RequestContext) => Promise<T | undefined>, allowed: (found: T) => boolean): Promise<T | undefined> {
  if (!ctx.config.directTransferEnabled || takeFault(ctx, "export-disabled")) {
    await apiError(ctx, 404, "404 Not Found");
    return undefined;
  }
  const found = await find(ctx);
  if (found === undefined) return undefined;
  if ((!allowed(found) && !ctx.user.isAdmin) || takeFault(ctx, "export-forbidden")) {
    await apiError(ctx, 403, "403 Forbidden");
    return undefined;
  }
  return found;
}

async function exportableGroup(ctx: RequestContext): Promise<Exportable | undefined> {
  const group = await guard(ctx, routeGroup, (g) => ctx.store.accessLevel(g, ctx.user.id) >= ACCESS.owner);
  if (!group) return undefined;
  return {
    key: `group:${group.id}`,
    relations: (enterprise, version) => ctx.store.exportRelations(group, enterprise, version),
    source: (relation) => ctx.store.relationSource(group, relation),
    unbatchable: UNBATCHABLE_RELATIONS,
  };
}

async function exportableProject(ctx: RequestContext): Promise<Exportable | undefined> {
  const project = await guard(ctx, routeProject, (p) => ctx.store.projectAccessLevel(p, ctx.user.id) >= ACCESS.maintainer);
  if (!project) return undefined;
  return {
    key: `project:${project.id}`,
    relations: (enterprise, version) => ctx.store.projectExportRelations(project, enterprise, version),
    source: (relation) => ctx.store.projectRelationSource(project, relation),
    unbatchable: PROJECT_UNBATCHABLE_RELATIONS,
    portable: (relation, enterprise, version) => ctx.store.projectPortable(project, relation, enterprise, version),
  };
}

const enterpriseOf = (ctx: RequestContext) => ctx.config.enterprise ?? parseVersion(ctx.config.version).enterprise;

async function startExport(ctx: RequestContext, target: Exportable): Promise<void> {
  const batchedParam = booleanParam(ctx.query.get("batched"));
  if (batchedParam === null) return grapeError(ctx, 400, "batched is invalid");
  // Sources before 16.2 know no `batched` parameter and export every relation whole.
  const batched = batchedParam === true && features.batchedExport(ctx.config.version);
  const now = Date.now();

  for (const relation of target.relations(enterpriseOf(ctx), ctx.config.version)) {
    const isBatched = batched && !target.unbatchable.has(relation);
    const previous = ctx.exports.get(target.key, ctx.user.id, relation);
    if (
      previous &&
      previous.batched === isBatched &&
      exportStatus(previous, now) === FINISHED &&
      now - previous.readyAt < ctx.config.reuseExportsWithinMs
    ) {
      continue;
    }
    const source = target.source(relation);
    const total = await countRecords(source);
    const delay = typeof ctx.config.exportDelayMs === "function" ? ctx.config.exportDelayMs(relation) : ctx.config.exportDelayMs;
    const failure = ctx.faults.take("export-failed", { ...ctx.target, relation });
    if (failure) ctx.log.faults.push(`export-failed:${relation}`);
    const exp: RelationExport = {
      relation,
      batched: isBatched,
      batchSize: ctx.config.batchSize,
      total,
      startedAt: now,
      // A batched export with nothing to export finishes at once (BatchedRelationExportService).
      readyAt: isBatched && total === 0 ? now : now + delay,
      error: failure ? (failure.error ?? "Error!") : null,
      failedBatch: null,
    };
    if (failure?.batchNumber !== undefined && isBatched && failure.batchNumber <= batchCount(exp)) exp.failedBatch = failure.batchNumber;
    if (source.kind === "repository" && !failure) prepareRepository(ctx, target, exp, source);
    ctx.exports.put(target.key, ctx.user.id, exp);
  }
  return sendJson(ctx, 202, { message: "202 Accepted" });
}

/**
 * A repository's archive is made when its export starts, as GitLab writes the bundle in the export worker: the status
 * stays 0 until it is on disk, and a bundle that cannot be made fails the export with git's complaint.
 */
function prepareRepository(ctx: RequestContext, target: Exportable, exp: RelationExport, source: Extract<RelationSource, { kind: "repository" }>): void {
  const folder = ctx.exports.scratch(`${target.key}-${ctx.user.id}-${exp.relation}`);
  exp.pending = true;
  exp.artifact = repositoryArchive(source, exp.relation, folder, ctx.config.gzipLevel);
  exp.artifact.then(
    () => {
      exp.pending = false;
    },
    (error: unknown) => {
      exp.pending = false;
      exp.error = (error instanceof Error ? error.message : String(error)).slice(0, 255);
    },
  );
}

async function getExportStatus(ctx: RequestContext, target: Exportable): Promise<void> {
  const modern = features.batchedExport(ctx.config.version);
  const relation = ctx.query.get("relation");
  if (relation && modern) {
    const exp = ctx.exports.get(target.key, ctx.user.id, relation);
    if (!exp) return apiError(ctx, 404, "Export not found");
    return sendJson(ctx, 200, presentExport(exp, modern));
  }
  return sendJson(ctx, 200, ctx.exports.list(target.key, ctx.user.id).map((exp) => presentExport(exp, modern)));
}

async function downloadExport(ctx: RequestContext, target: Exportable): Promise<void> {
  const relation = ctx.query.get("relation");
  if (!relation) return grapeError(ctx, 400, "relation is missing");
  if (target.portable && !target.portable(relation, enterpriseOf(ctx), ctx.config.version)) return grapeError(ctx, 400, "relation is not portable");
  const exp = ctx.exports.get(target.key, ctx.user.id, relation);

  if (!features.batchedExport(ctx.config.version)) {
    // The older endpoint ignores batch parameters and has one message for "no file".
    if (!exp || exportStatus(exp) !== FINISHED) return apiError(ctx, 404, "404 Not found");
    return sendExport(ctx, target, exp, 0, exp.total);
  }

  const batchedParam = booleanParam(ctx.query.get("batched"));
  if (batchedParam === null) return grapeError(ctx, 400, "batched is invalid");
  const numberRaw = ctx.query.get("batch_number");
  if ((batchedParam === undefined) !== (numberRaw === null)) {
    return grapeError(ctx, 400, "batched, batch_number provide all or none of parameters");
  }
  if (numberRaw !== null && !/^\d+$/.test(numberRaw)) return grapeError(ctx, 400, "batch_number is invalid");
  if (!exp) return apiError(ctx, 404, "Export not found");

  if (batchedParam) {
    const n = Number(numberRaw);
    if (!exp.batched) return apiError(ctx, 400, "Export is not batched");
    if (n < 1 || n > batchCount(exp)) return apiError(ctx, 404, "Batch not found");
    if (batchStatus(exp, n) !== FINISHED) return apiError(ctx, 404, "Batch file not found");
    const { start, end } = batchRange(exp, n);
    return sendExport(ctx, target, exp, start, end);
  }
  if (exp.batched) return apiError(ctx, 400, "Export is batched");
  if (exportStatus(exp) !== FINISHED) return apiError(ctx, 404, "Export file not found");
  return sendExport(ctx, target, exp, 0, exp.total);
}

async function sendExport(ctx: RequestContext, target: Exportable, exp: RelationExport, start: number, end: number): Promise<void> {
  const isSelf = exp.relation === "self";
  const source = target.source(exp.relation);
  const isFile = source.kind === "archive" || source.kind === "repository";
  const body = await downloadBody({
    source,
    format: isSelf ? "json" : "ndjson",
    start,
    end,
    gzipLevel: ctx.config.gzipLevel,
    keep: ctx.config.keepDownloads,
    malformed: isSelf || isFile ? undefined : takeFault(ctx, "malformed-line"),
    hostile: takeFault(ctx, "hostile-body"),
    artifact: exp.artifact,
  });
  const filename = `${exp.relation}.${isFile ? "tar" : isSelf ? "json" : "ndjson"}.gz`;
  return sendBody(
    ctx,
    200,
    {
      "content-type": "application/octet-stream",
      "content-disposition": `attachment; filename="${filename}"; filename*=UTF-8''${filename}`,
    },
    body,
  );
}

type Endpoint = (ctx: RequestContext, target: Exportable) => Promise<void>;

/** The endpoint for groups or for projects: the same code once the portable is found and the user allowed. */
function forPortable(find: (ctx: RequestContext) => Promise<Exportable | undefined>, endpoint: Endpoint) {
  return async (ctx: RequestContext): Promise<void> => {
    const target = await find(ctx);
    if (target) await endpoint(ctx, target);
  };
}

// POST /groups/:id/export_relations, GET .../status, GET .../download
export const startGroupExport = forPortable(exportableGroup, startExport);
export const getGroupExportStatus = forPortable(exportableGroup, getExportStatus);
export const downloadGroupExport = forPortable(exportableGroup, downloadExport);
// POST /projects/:id/export_relations, GET .../status, GET .../download
export const startProjectExport = forPortable(exportableProject, startExport);
export const getProjectExportStatus = forPortable(exportableProject, getExportStatus);
export const downloadProjectExport = forPortable(exportableProject, downloadExport);
