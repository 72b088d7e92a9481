import fs from "node:fs";
import { Readable } from "node:stream";
import { type ApiContext, apiRoute, booleanParam, json, ParamError, readAll, readParams, rowIdParam, stringParam } from "@/lib/api";
import { findDownload } from "../export-download";
import { findExportStatus, listExportStatuses } from "../export-status";
import { findExportable, type Portable } from "../portable";
import type { PortableKind } from "@/lib/relations";
import { startExport } from "../start-export";
type Context = ApiContext<{ id: string }>;

/** `{"message": ...}` with a status: render_api_error!, not_found!, forbidden!. */
const apiError = (status: number, message: string) => json({ message }, { status });

/** The portable of `:id` the token's user may export, or GitLab's refusal (404 / 403 / 404 when disabled). */
async function exportable(kind: PortableKind, { viewer, params }: Context): Promise<Portable | Response> {
  const lookup = await findExportable(kind, viewer, params.id);
  return "refusal" in lookup ? apiError(lookup.refusal.status, lookup.refusal.message) : lookup.portable;
}

async function status(kind: PortableKind, context: Context): Promise<Response> {
  const portable = await exportable(kind, context);
  if (portable instanceof Response) return portable;
  const relation = stringParam(context.url.searchParams.get("relation"), "relation") || undefined;
  const userId = context.identity.user.id;
  if (relation === undefined) return json(await listExportStatuses(portable, userId));
  const found = await findExportStatus(portable, userId, relation);
  return found ? json(found) : apiError(404, "Export not found");
}

/**
 * The three endpoints of GitLab's relation export API (lib/api/group_export.rb, project_export.rb) for groups or
 * projects. Permission checks run before parameter checks, as Grape's `before` blocks do.
 */
export function exportRelationsRoutes(kind: PortableKind) {
  return {
    /** POST :id/export_relations (`batched`): 202, every relation (re)started in the worker. */
    start: apiRoute<{ id: string }>("write", async (context) => {
      const portable = await exportable(kind, context);
      if (portable instanceof Response) return portable;
      const batched = booleanParam((await readParams(context.request)).batched, "batched");
      await startExport(portable, context.identity.user.id, { batched: batched ?? false });
      return json({ message: "202 Accepted" }, { status: 202 });
    }),

    /** GET :id/export_relations/status (`relation`): one status, or all of the user's for the portable. */
    status: apiRoute<{ id: string }>("read", (context) => status(kind, context)),

    /**
     * GET :id/export_relations: not a GitLab route, but @gitbeaker/core (43.x) GroupRelationExports.exportStatus
     * requests this path for the status, so it answers as /status does.
     */
    statusAlias: apiRoute<{ id: string }>("read", (context) => status(kind, context)),

    /** GET :id/export_relations/download (`relation`, `batched` + `batch_number`): the gzipped file as an attachment. */
    download: apiRoute<{ id: string }>("read", async (context) => {
      const portable = await exportable(kind, context);
      if (portable instanceof Response) return portable;
      const params = await readParams(context.request);
      // @gitbeaker/core (43.x) GroupRelationExports.download sends the relation as search_params[relation].
      const nested = params.search_params as Record<string, unknown> | undefined;
      const [relation, batched, batchNumber] = readAll(
        () => stringParam(params.relation, "relation") || stringParam(nested?.relation, "relation") || undefined,
        () => booleanParam(params.batched, "batched"),
        () => rowIdParam(params.batch_number, "batch_number"),
      );
      if (relation === undefined) throw new ParamError("relation is missing");
      if ((batched === undefined) !== (batchNumber === undefined)) throw new ParamError("batched, batch_number provide all or none of parameters");

      const lookup = await findDownload(portable, context.identity.user.id, relation, batched ? batchNumber! : null);
      if ("refusal" in lookup) return apiError(lookup.refusal.status, lookup.refusal.message);
      return sendFile(lookup.file, kind);
    }),
  };
}

/**
 * present_carrierwave_file!: the file as an attachment with its length (importers refuse a download without one).
 * The file is opened before answering, so one swept away in between is a 404, not a broken body.
 */
async function sendFile(file: { path: string; filename: string }, kind: PortableKind): Promise<Response> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file.path, "r");
  } catch {
    return apiError(404, "Export file not found");
  }
  const { size } = await handle.stat();
  const body = Readable.toWeb(handle.createReadStream()) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, {
    status: 200,
    headers: {
      // GitLab's project endpoint declares application/gzip; the group one serves octet-stream.
      "content-type": kind === "project" ? "application/gzip" : "application/octet-stream",
      "content-length": String(size),
      "content-disposition": `attachment; filename="${file.filename}"; filename*=UTF-8''${file.filename}`,
      "content-transfer-encoding": "binary",
      "cache-control": "private, no-store",
    },
  });
}
