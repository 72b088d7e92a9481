import { apiRoute, bulkImportFailureEntity, json, pageParams, paginationHeaders, pathRowId, readAll, recordNotFound } from "@/lib/api";
import { listFailures } from "@/lib/migration";

/** GitLab's GET /bulk_imports/:import_id/entities/:entity_id/failures (16.6): every failure, paginated, oldest first. */
export const GET = apiRoute<{ import_id: string; entity_id: string }>("read", async ({ request, url, identity, params }) => {
  const [importId, entityId, page] = readAll(
    () => pathRowId(params.import_id, "import_id"),
    () => pathRowId(params.entity_id, "entity_id"),
    () => pageParams(url.searchParams),
  );
  const failures = await listFailures(identity.user, importId, entityId, page);
  if (!failures) return recordNotFound();
  return json(failures.rows.map(bulkImportFailureEntity), { headers: paginationHeaders(request, failures.total, page) });
});
