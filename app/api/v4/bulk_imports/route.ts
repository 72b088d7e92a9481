import { apiRoute, bulkImportEntity, json, paginationHeaders, tooManyRequests } from "@/lib/api";
import { ImportRequestError, listBulkImports, startBulkImport } from "@/lib/migration";
import { parseCreateParams } from "./_lib/create-params";
import { parseList } from "./_lib/list-params";

/** GitLab's GET /bulk_imports: the caller's migrations (an administrator's: everyone's), newest first by default. */
export const GET = apiRoute("read", async ({ request, url, identity }) => {
  const options = parseList(url.searchParams);
  const { rows, total } = await listBulkImports(identity.user, options);
  return json(rows.map(bulkImportEntity), { headers: paginationHeaders(request, total, options) });
});

/**
 * GitLab's POST /bulk_imports: one bulk import with one entity per `entities[]` item, after the same checks as the
 * import page. 400 for bad parameters, 422 for a source or destination the checks refuse, 429 past the rate limit.
 */
export const POST = apiRoute("write", async ({ request, identity }) => {
  const params = await parseCreateParams(request);
  try {
    // One bulk import holding every entity, as GitLab makes it.
    const [started] = await startBulkImport(identity.user, params.source, params.requests);
    return json(bulkImportEntity(started!.bulkImport), { status: 201 });
  } catch (error) {
    if (!(error instanceof ImportRequestError)) throw error;
    if (error.status === 429) return tooManyRequests(60);
    // With several entities, say which one was refused; GitLab's messages name the path, Ferry's too, but not always.
    const which = error.index !== null && params.requests.length > 1 ? `entities[${error.index}]: ` : "";
    return json({ message: `${which}${error.message}` }, { status: error.status });
  }
});
