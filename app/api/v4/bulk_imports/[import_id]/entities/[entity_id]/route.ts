import { apiRoute, bulkImportEntityEntity, json, pathRowId, readAll, recordNotFound } from "@/lib/api";
import { findEntity } from "@/lib/migration";

/** GitLab's GET /bulk_imports/:import_id/entities/:entity_id, with its failures and per-relation stats. */
export const GET = apiRoute<{ import_id: string; entity_id: string }>("read", async ({ identity, params }) => {
  const [importId, entityId] = readAll(() => pathRowId(params.import_id, "import_id"), () => pathRowId(params.entity_id, "entity_id"));
  const entity = await findEntity(identity.user, importId, entityId);
  return entity ? json(bulkImportEntityEntity(entity)) : recordNotFound();
});
