import { listTree } from "@/lib/repositories";
import { booleanParam } from "./booleans";
import { keysetPaginationHeaders, pageParams, paginationHeaders } from "./pagination";
import { ParamError, readAll } from "./param-error";
import { repositoryRoute } from "./repository-route";
import { json } from "./responses";
import { choiceParam } from "./strings";

// A listing GitLab answers whole (`pagination=none`) is still bounded by the reader (MAX_TREE_ENTRIES).
const WHOLE_LISTING = Number.MAX_SAFE_INTEGER;

/**
 * GET /projects/:id/repository/tree: a directory's entries (or everything below it, `recursive`) at `ref` (the default
 * branch), in GitLab's order. Offset pagination with GitLab's headers; `pagination=keyset` pages by `page_token` (the
 * path of the previous page's last entry) with a `rel="next"` Link; `pagination=none` lists all, recursive only.
 * An unknown ref (or an empty repository) is "404 Tree Not Found", a missing path "404 invalid revision or path Not Found".
 */
export const treeRoute = repositoryRoute({ tail: "repository/tree" }, async ({ request, url, repo }) => {
  const q = url.searchParams;
  const [page, recursive, pagination] = readAll(
    () => pageParams(q),
    () => booleanParam(q.get("recursive"), "recursive") ?? false,
    () => choiceParam(q.get("pagination"), "pagination", ["legacy", "keyset", "none"] as const) ?? "legacy",
  );
  if (pagination === "none" && !recursive) throw new ParamError('pagination cannot be "none" unless "recursive" is true');
  const path = (q.get("path") ?? "").replace(/^\/+|\/+$/g, "");
  const base = { ref: q.get("ref") ?? undefined, path, recursive };

  if (pagination === "none") return json((await listTree(repo, { ...base, perPage: WHOLE_LISTING })).items);
  if (pagination === "keyset") {
    const listed = await listTree(repo, { ...base, perPage: page.perPage, pageToken: q.get("page_token") || undefined });
    return json(listed.items, { headers: keysetPaginationHeaders(request, listed.next_page_token ? { page_token: listed.next_page_token } : null) });
  }
  const listed = await listTree(repo, { ...base, page: page.page, perPage: page.perPage });
  return json(listed.items, { headers: paginationHeaders(request, listed.total, page) });
});
