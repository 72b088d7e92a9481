import { apiRoute, projectImportResponse, readParams } from "@/lib/api";
import { startRemoteImport } from "@/lib/migration";

export const dynamic = "force-dynamic";

/**
 * GitLab's POST /projects/remote-import: `url` (https) and `path` required, `name`, `namespace`, `overwrite`,
 * `override_params`, as JSON or a form. The URL and its HEAD are checked here; 201 `scheduled`, and a worker
 * downloads and imports the archive.
 */
export const POST = apiRoute("write", async ({ request, viewer }) => projectImportResponse(await startRemoteImport(viewer, await readParams(request)), request, viewer));
