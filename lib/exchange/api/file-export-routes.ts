import { apiRoute, json, tooManyRequests } from "@/lib/api";
import type { PortableKind } from "@/lib/relations";
import { requestExportDownload, requestFileExport, type FileExportRefusal } from "../file-export/request";
import { apiError, sendFile } from "./send-file";

const refused = (refusal: FileExportRefusal) => (refusal.status === 429 ? tooManyRequests(60) : apiError(refusal.status, refusal.message));

/**
 * GitLab's file export endpoints (lib/api/group_export.rb): POST :id/export starts the user's archive in the worker,
 * GET :id/export/download hands it out.
 */
export function fileExportRoutes(kind: PortableKind) {
  return {
    start: apiRoute<{ id: string }>("write", async ({ viewer, params }) => {
      const request = await requestFileExport(kind, viewer, params.id);
      return "refusal" in request ? refused(request.refusal) : json({ message: "202 Accepted" }, { status: 202 });
    }),

    download: apiRoute<{ id: string }>("read", async ({ viewer, params }) => {
      const request = await requestExportDownload(kind, viewer, params.id);
      if ("refusal" in request) return refused(request.refusal);
      return (await sendFile({ path: request.archive.path, filename: request.archive.fileName }, kind)) ?? apiError(404, "404 Not found or has expired");
    }),
  };
}
