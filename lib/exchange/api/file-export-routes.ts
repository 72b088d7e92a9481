import { apiRoute, baseUrlOf, choiceParam, json, ParamError, projectBasicEntity, readAll, readParams, stringParam, tooManyRequests } from "@/lib/api";
import type { FileExportOptions } from "@/lib/jobs";
import { findProject } from "@/lib/projects";
import type { PortableKind } from "@/lib/relations";
import { fileExportStatus } from "../file-export/lifecycle";
import { requestExportDownload, requestFileExport, type FileExportRefusal } from "../file-export/request";
import { findExportable } from "../portable";
import { apiError, sendFile } from "./send-file";

const refused = (refusal: FileExportRefusal) => (refusal.status === 429 ? tooManyRequests(60) : apiError(refusal.status, refusal.message));

/**
 * POST /projects/:id/export's parameters as Grape declares them: `description` (String), and `upload` (a Hash with
 * `url` required and `http_method` PUT or POST, PUT by default), from a JSON body or `upload[url]=` form keys.
 */
function projectExportOptions(params: Record<string, unknown>): FileExportOptions {
  const upload = params.upload;
  if (upload !== undefined && (upload === null || typeof upload !== "object" || Array.isArray(upload))) throw new ParamError("upload is invalid");
  const fields = (upload ?? {}) as Record<string, unknown>;
  const [description, url, method] = readAll(
    () => stringParam(params.description, "description"),
    () => (upload === undefined ? undefined : stringParam(fields.url, "upload[url]")),
    () => (upload === undefined ? undefined : choiceParam(fields.http_method, "upload[http_method]", ["PUT", "POST"] as const)),
  );
  if (upload !== undefined && !url) throw new ParamError("upload[url] is missing");
  return { ...(description !== undefined ? { description } : {}), ...(url ? { upload: { url, method: method ?? "PUT" } } : {}) };
}

/**
 * GitLab's file export endpoints (lib/api/group_export.rb, lib/api/project_export.rb): POST :id/export starts the
 * user's archive in the worker, GET :id/export/download hands it out, and for projects GET :id/export says how far it is.
 */
export function fileExportRoutes(kind: PortableKind) {
  return {
    start: apiRoute<{ id: string }>("write", async ({ viewer, params, request }) => {
      const options = kind === "project" ? projectExportOptions(await readParams(request)) : {};
      const started = await requestFileExport(kind, viewer, params.id, options);
      return "refusal" in started ? refused(started.refusal) : json({ message: "202 Accepted" }, { status: 202 });
    }),

    download: apiRoute<{ id: string }>("read", async ({ viewer, params }) => {
      const request = await requestExportDownload(kind, viewer, params.id);
      if ("refusal" in request) return refused(request.refusal);
      return (await sendFile({ path: request.archive.path, filename: request.archive.fileName }, kind)) ?? apiError(404, "404 Not found or has expired");
    }),

    /** GitLab's ProjectExportStatus: the project's identity, `export_status`, and `_links` once the file is ready. */
    status: apiRoute<{ id: string }>("read", async ({ viewer, params, request }) => {
      const lookup = await findExportable(kind, viewer, params.id, "fileExportEnabled");
      if ("refusal" in lookup) return refused(lookup.refusal);
      const project = await findProject(viewer, String(lookup.portable.id));
      if (!project) return apiError(404, "404 Project Not Found");
      const status = await fileExportStatus(lookup.portable, viewer.id);
      const baseUrl = baseUrlOf(request);
      const { id, description, name, name_with_namespace, path, path_with_namespace, created_at } = projectBasicEntity(project, { viewer, baseUrl });
      return json({
        id, description, name, name_with_namespace, path, path_with_namespace, created_at,
        export_status: status,
        ...(status === "finished"
          ? { _links: { api_url: `${baseUrl}/api/v4/projects/${project.id}/export/download`, web_url: `${baseUrl}/${project.fullPath}/-/download_export` } }
          : {}),
      });
    }),
  };
}
