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
import { UNBATCHABLE_RELATIONS, type SourceGroup } from "./fixture-store";
import { routeGroup } from "./routes-groups";
import { countRecords } from "./relation-source";
import { apiError, grapeError, sendBody, sendJson } from "./respond";
import { ACCESS } from "./types";
import { features, parseVersion } from "./version";

// lib/api/group_export.rb: owners only (authorize! :admin_group), 404 while bulk_import_enabled is off, and every
// export belongs to the user who asked for it.

/** Common checks of the three endpoints; returns the group, or undefined once an error has been answered. */
async function exportGroup(ctx: RequestContext): Promise<SourceGroup | undefined> {
  const group = await routeGroup(ctx);
  if (!group) return undefined;
  if (ctx.store.accessLevel(group, ctx.user.id) < ACCESS.owner && !ctx.user.isAdmin) {
    await apiError(ctx, 403, "403 Forbidden");
    return undefined;
  }
  if (takeFault(ctx, "export-forbidden")) {
    await apiError(ctx, 403, "403 Forbidden");
    return undefined;
  }
  if (!ctx.config.directTransferEnabled || takeFault(ctx, "export-disabled")) {
    await apiError(ctx, 404, "404 Not Found");
    return undefined;
  }
  return group;
}

/** Grape's Boolean coercion; null when the value is not a boolean. */
function booleanParam(value: string | null): boolean | null | undefined {
  if (value === null) return undefined;
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  return null;
}

export async function startExport(ctx: RequestContext): Promise<void> {
  const group = await exportGroup(ctx);
  if (!group) return;
  const batchedParam = booleanParam(ctx.query.get("batched"));
  if (batchedParam === null) return grapeError(ctx, 400, "batched is invalid");
  // Sources before 16.2 know no `batched` parameter and export every relation whole.
  const batched = batchedParam === true && features.batchedExport(ctx.config.version);
  const enterprise = ctx.config.enterprise ?? parseVersion(ctx.config.version).enterprise;
  const now = Date.now();

  for (const relation of ctx.store.exportRelations(group, enterprise, ctx.config.version)) {
    const isBatched = batched && !UNBATCHABLE_RELATIONS.has(relation);
    const previous = ctx.exports.get(group.id, ctx.user.id, relation);
    if (
      previous &&
      previous.batched === isBatched &&
      exportStatus(previous, now) === FINISHED &&
      now - previous.readyAt < ctx.config.reuseExportsWithinMs
    ) {
      continue;
    }
    const total = await countRecords(ctx.store.relationSource(group, relation));
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
    ctx.exports.put(group.id, ctx.user.id, exp);
  }
  return sendJson(ctx, 202, { message: "202 Accepted" });
}

export async function getExportStatus(ctx: RequestContext): Promise<void> {
  const group = await exportGroup(ctx);
  if (!group) return;
  const modern = features.batchedExport(ctx.config.version);
  const relation = ctx.query.get("relation");
  if (relation && modern) {
    const exp = ctx.exports.get(group.id, ctx.user.id, relation);
    if (!exp) return apiError(ctx, 404, "Export not found");
    return sendJson(ctx, 200, presentExport(exp, modern));
  }
  return sendJson(ctx, 200, ctx.exports.list(group.id, ctx.user.id).map((exp) => presentExport(exp, modern)));
}

export async function downloadExport(ctx: RequestContext): Promise<void> {
  const group = await exportGroup(ctx);
  if (!group) return;
  const relation = ctx.query.get("relation");
  if (!relation) return grapeError(ctx, 400, "relation is missing");
  const exp = ctx.exports.get(group.id, ctx.user.id, relation);

  if (!features.batchedExport(ctx.config.version)) {
    // The older endpoint ignores batch parameters and has one message for "no file".
    if (!exp || exportStatus(exp) !== FINISHED) return apiError(ctx, 404, "404 Not found");
    return sendExport(ctx, group, exp, 0, exp.total);
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
    return sendExport(ctx, group, exp, start, end);
  }
  if (exp.batched) return apiError(ctx, 400, "Export is batched");
  if (exportStatus(exp) !== FINISHED) return apiError(ctx, 404, "Export file not found");
  return sendExport(ctx, group, exp, 0, exp.total);
}

async function sendExport(ctx: RequestContext, group: SourceGroup, exp: RelationExport, start: number, end: number): Promise<void> {
  const isSelf = exp.relation === "self";
  const source = ctx.store.relationSource(group, exp.relation);
  const body = await downloadBody({
    source,
    format: isSelf ? "json" : "ndjson",
    start,
    end,
    gzipLevel: ctx.config.gzipLevel,
    malformed: isSelf || source.kind === "archive" ? undefined : takeFault(ctx, "malformed-line"),
    hostile: takeFault(ctx, "hostile-body"),
  });
  const filename = `${exp.relation}.${source.kind === "archive" ? "tar" : isSelf ? "json" : "ndjson"}.gz`;
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
