import { findBadge, listBadges, type Badge } from "@/lib/content";
import { badgePlaceholders } from "@/lib/projects";
import { baseUrlOf } from "./base-url";
import { contentRoute, type ContentParent, type ParentKind } from "./content-parent";
import { badgeEntity } from "./entities/badges";
import { pathRowId } from "./ids";
import { pageParams, paginationHeaders } from "./pagination";
import { json, recordNotFound } from "./responses";

/** A project's badges are its own and its group's and the group's ancestors' (GitLab's Project#badges); a group's its own. */
const ownersOf = (parent: ContentParent) => (parent.project ? [parent.owner, ...parent.ancestors] : [parent.owner]);

/** The badges as entities: rendered with the project's placeholders when listed for a project. */
async function entities(badges: Badge[], parent: ContentParent, request: Request) {
  const placeholders = parent.project ? await badgePlaceholders(parent.project, new URL(baseUrlOf(request)).hostname, badges.flatMap((b) => [b.linkUrl, b.imageUrl])) : undefined;
  return badges.map((badge) => badgeEntity(badge, placeholders));
}

/** GET /groups/:id/badges and /projects/:id/badges: GitLab's badges API authenticates writes only, so a public parent's badges are public. */
export const badgesRoute = (kind: ParentKind) =>
  contentRoute(kind, "public", "read_badge", async ({ request, url, findParent }) => {
    const page = pageParams(url.searchParams);
    const parent = await findParent();
    if (parent instanceof Response) return parent;
    const { rows, total } = await listBadges(ownersOf(parent), { ...page, name: url.searchParams.get("name") ?? undefined });
    return json(await entities(rows, parent, request), { headers: paginationHeaders(request, total, page) });
  });

/** GET /groups/:id/badges/:badge_id and /projects/:id/badges/:badge_id (a project's group's badges included). */
export const badgeRoute = (kind: ParentKind) =>
  contentRoute<{ badge_id: string }>(kind, "public", "read_badge", async ({ request, params, findParent }) => {
    const badgeId = pathRowId(params.badge_id, "badge_id");
    const parent = await findParent();
    if (parent instanceof Response) return parent;
    const badge = await findBadge(ownersOf(parent), badgeId);
    return badge ? json((await entities([badge], parent, request))[0]) : recordNotFound();
  });
