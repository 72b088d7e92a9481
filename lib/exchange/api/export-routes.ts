import { type ApiContext, apiRoute, booleanParam, json, ParamError, readAll, readParams, rowIdParam, stringParam } from "@/lib/api";
import { findDownload } from "../export-download";
import { findExportStatus, listExportStatuses } from "../export-status";
import { findExportable, type Portable } from "../portable";
import type { PortableKind } from "@/lib/relations";
import { startExport } from "../start-export";
import { apiError, sendFile } from "./send-file";
type Context = ApiContext<{ id: string }>;

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
      return (await sendFile(lookup.file, kind)) ?? apiError(404, "Export file not found");
    }),
  };
}
