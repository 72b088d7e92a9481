import { apiRoute, bulkImportEntityEntity, json, paginationHeaders } from "@/lib/api";
import { listEntities } from "@/lib/migration";
import { parseList } from "../_lib/list-params";

/** GitLab's GET /bulk_imports/entities: entities of every visible migration, with `status` and `sort`. */
export const GET = apiRoute("read", async ({ request, url, identity }) => {
  const options = parseList(url.searchParams);
  const { rows, total } = await listEntities(identity.user, options);
  return json(rows.map(bulkImportEntityEntity), { headers: paginationHeaders(request, total, options) });
});
