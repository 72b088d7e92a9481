import { apiRoute, bulkImportEntity, json, pathRowId, recordNotFound } from "@/lib/api";
import { findBulkImport } from "@/lib/migration";

/** GitLab's GET /bulk_imports/:import_id. Another user's migration is a 404, as if it did not exist. */
export const GET = apiRoute<{ import_id: string }>("read", async ({ identity, params }) => {
  const bulkImport = await findBulkImport(identity.user, pathRowId(params.import_id, "import_id"));
  return bulkImport ? json(bulkImportEntity(bulkImport)) : recordNotFound();
});
