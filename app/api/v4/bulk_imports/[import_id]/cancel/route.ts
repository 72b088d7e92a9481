import { apiRoute, bulkImportEntity, json, pathRowId, recordNotFound } from "@/lib/api";
import { cancelBulkImport, findBulkImport, STATUS, statusName } from "@/lib/migration";

/**
 * GitLab's POST /bulk_imports/:import_id/cancel (17.1): 200 with the migration, now canceled. Cancelling a canceled
 * migration answers the same. GitLab would also mark a finished or failed migration canceled; Ferry refuses (422)
 * rather than relabel groups that were migrated.
 */
export const POST = apiRoute<{ import_id: string }>("write", async ({ identity, params }) => {
  const id = pathRowId(params.import_id, "import_id");
  const before = await findBulkImport(identity.user, id);
  if (!before) return recordNotFound();
  await cancelBulkImport(identity.user, id);
  // Read again either way: the migration may have ended between the two reads.
  const after = (await findBulkImport(identity.user, id)) ?? before;
  if (after.status === STATUS.canceled) return json(bulkImportEntity(after));
  return json({ message: `The migration has already ended (${statusName(after.status)}) and cannot be canceled.` }, { status: 422 });
});
