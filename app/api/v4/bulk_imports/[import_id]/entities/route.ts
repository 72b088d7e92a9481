import { apiRoute, bulkImportEntityEntity, json, paginationHeaders, pathRowId, readAll, recordNotFound } from "@/lib/api";
import { findBulkImport, listEntities } from "@/lib/migration";
import { parseList } from "../../_lib/list-params";

/** GitLab's GET /bulk_imports/:import_id/entities: the migration's groups (and subgroups found on the way). */
export const GET = apiRoute<{ import_id: string }>("read", async ({ request, url, identity, params }) => {
  const [id, options] = readAll(() => pathRowId(params.import_id, "import_id"), () => parseList(url.searchParams));
  if (!(await findBulkImport(identity.user, id))) return recordNotFound();
  const { rows, total } = await listEntities(identity.user, { ...options, bulkImportId: id });
  return json(rows.map(bulkImportEntityEntity), { headers: paginationHeaders(request, total, options) });
});
