import { apiRoute, baseUrlOf, json, projectImportStatusEntity, tooManyRequests } from "@/lib/api";
import { startProjectImport } from "@/lib/migration";
import { findProject } from "@/lib/projects";

export const dynamic = "force-dynamic";

/**
 * GitLab's POST /projects/import (lib/api/project_import.rb): multipart `path`, `file`, `name`, `namespace`,
 * `overwrite`, `override_params[...]`. The archive streams to disk and is checked before anything is created; then
 * 201 with the new project's import status (`scheduled`), and the workers import it.
 */
export const POST = apiRoute(
  "write",
  async ({ request, viewer }) => {
    const started = await startProjectImport(viewer, request);
    if ("refusal" in started) {
      const { status, message, key } = started.refusal;
      if (status === 429) return tooManyRequests(60);
      return json({ [key ?? "message"]: message }, { status });
    }
    const project = await findProject(viewer, String(started.projectId));
    if (!project) return json({ message: "404 Project Not Found" }, { status: 404 });
    return json(await projectImportStatusEntity(project, { viewer, baseUrl: baseUrlOf(request) }), { status: 201 });
  },
  { streamsBody: true },
);
