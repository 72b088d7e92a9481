import { findLabel, listLabels } from "@/lib/content";
import { booleanParam } from "./booleans";
import { contentRoute, type ContentParent, type ParentKind } from "./content-parent";
import { labelEntity } from "./entities/content";
import { pageParams, paginationHeaders } from "./pagination";
import { readAll } from "./param-error";
import { json, notFound } from "./responses";

// Read as GitLab reads them; Ferry counts no issues or merge requests yet, and only a group has descendants.
const FLAGS: Record<ParentKind, string[]> = {
  group: ["with_counts", "include_ancestor_groups", "include_descendant_groups", "only_group_labels"],
  project: ["with_counts", "include_ancestor_groups"],
};

function flagsOf(q: URLSearchParams, kind: ParentKind): Record<string, boolean | undefined> {
  return Object.fromEntries(readAll(...FLAGS[kind].map((name) => () => [name, booleanParam(q.get(name), name)] as const)));
}

/** The parent's labels, with its ancestor groups' unless `include_ancestor_groups=false` (GitLab's default is true). */
const ownersOf = (parent: ContentParent, flags: Record<string, boolean | undefined>) => (flags.include_ancestor_groups === false ? [parent.owner] : [parent.owner, ...parent.ancestors]);

/** GET /groups/:id/labels and /projects/:id/labels: GitLab's labels API authenticates every call, public ones' too. */
export const labelsRoute = (kind: ParentKind) =>
  contentRoute(kind, "read", "read_label", async ({ request, url, findParent }) => {
    const q = url.searchParams;
    const [page, flags] = readAll(
      () => pageParams(q),
      () => flagsOf(q, kind),
    );
    const parent = await findParent();
    if (parent instanceof Response) return parent;
    const { rows, total } = await listLabels(ownersOf(parent, flags), { ...page, search: q.get("search") ?? undefined });
    return json(rows.map(labelEntity), { headers: paginationHeaders(request, total, page) });
  });

/** GET /groups/:id/labels/:label_id and /projects/:id/labels/:label_id: by id, else by title. */
export const labelRoute = (kind: ParentKind) =>
  contentRoute<{ label_id: string }>(kind, "read", "read_label", async ({ url, params, findParent }) => {
    const [flags] = readAll(() => flagsOf(url.searchParams, kind));
    const parent = await findParent();
    if (parent instanceof Response) return parent;
    const label = await findLabel(ownersOf(parent, flags), params.label_id);
    return label ? json(labelEntity(label)) : notFound("Label Not");
  });
