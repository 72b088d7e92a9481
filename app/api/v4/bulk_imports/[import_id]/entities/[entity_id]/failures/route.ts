import { apiRoute, bulkImportFailureEntity, json, paginationHeaders } from "@/lib/api";
import { listFailures } from "@/lib/migration";
import { parseId, parsePage, recordNotFound } from "../../../../_lib/list-params";

/** GitLab's GET /bulk_imports/:import_id/entities/:entity_id/failures (16.6): every failure, paginated, oldest first. */
export const GET = apiRoute<{ import_id: string; entity_id: string }>("read", async ({ request, url, identity, params }) => {
  const importId = parseId(params.import_id, "import_id");
  if (importId instanceof Response) return importId;
  const entityId = parseId(params.entity_id, "entity_id");
  if (entityId instanceof Response) return entityId;
  const page = parsePage(url.searchParams);
  if (page instanceof Response) return page;
  const failures = await listFailures(identity.user, importId, entityId, page);
  if (!failures) return recordNotFound();
  return json(failures.rows.map(bulkImportFailureEntity), { headers: paginationHeaders(request, failures.total, page) });
});
