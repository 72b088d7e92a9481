import { apiRoute, bulkImportEntity, json } from "@/lib/api";
import { findBulkImport } from "@/lib/migration";
import { parseId, recordNotFound } from "../_lib/list-params";

/** GitLab's GET /bulk_imports/:import_id. Another user's migration is a 404, as if it did not exist. */
export const GET = apiRoute<{ import_id: string }>("read", async ({ identity, params }) => {
  const id = parseId(params.import_id, "import_id");
  if (id instanceof Response) return id;
  const bulkImport = await findBulkImport(identity.user, id);
  return bulkImport ? json(bulkImportEntity(bulkImport)) : recordNotFound();
});
