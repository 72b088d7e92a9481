import { apiRoute, projectImportResponse } from "@/lib/api";
import { startProjectImport } from "@/lib/migration";

export const dynamic = "force-dynamic";

/**
 * GitLab's POST /projects/import (lib/api/project_import.rb): multipart `path`, `file`, `name`, `namespace`,
 * `overwrite`, `override_params[...]`. The archive streams to disk and is checked before anything is created; then
 * 201 with the new project's import status (`scheduled`), and the workers import it.
 */
export const POST = apiRoute("write", async ({ request, viewer }) => projectImportResponse(await startProjectImport(viewer, request), request, viewer), { streamsBody: true });
