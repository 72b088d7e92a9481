import { apiRoute, bulkImportEntityEntity, json } from "@/lib/api";
import { findEntity } from "@/lib/migration";
import { parseId, recordNotFound } from "../../../_lib/list-params";

/** GitLab's GET /bulk_imports/:import_id/entities/:entity_id, with its failures and per-relation stats. */
export const GET = apiRoute<{ import_id: string; entity_id: string }>("read", async ({ identity, params }) => {
  const importId = parseId(params.import_id, "import_id");
  if (importId instanceof Response) return importId;
  const entityId = parseId(params.entity_id, "entity_id");
  if (entityId instanceof Response) return entityId;
  const entity = await findEntity(identity.user, importId, entityId);
  return entity ? json(bulkImportEntityEntity(entity)) : recordNotFound();
});
