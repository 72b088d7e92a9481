import { BadgesList } from "@/components/content/badges-list";
import { Pagination } from "@/components/ui/pagination";
import { groupRoute, type GroupParams } from "@/app/(app)/groups/group-route";
import { pageOf } from "@/app/(app)/route-params";
import { isSafeBadgeUrl, listBadges } from "@/lib/content";

const PER_PAGE = 20;

/** The Badges tab (`/-/badges`): the group's badges, which GitLab shows on every project of the group. */
export default async function BadgesPage({ params, searchParams }: { params: Promise<GroupParams>; searchParams: Promise<{ page?: string }> }) {
  const { group } = await groupRoute(params);
  const page = pageOf((await searchParams).page);
  const { rows, total } = await listBadges(group.id, { page, perPage: PER_PAGE });
  return (
    <section aria-label="Badges">
      <p className="mb-4 text-sm text-gray-600">Badges of this group appear on each of its projects. Placeholders such as %{"{default_branch}"} are filled in per project.</p>
      <BadgesList
        badges={rows.map((b) => ({ id: b.id, name: b.name, linkUrl: b.linkUrl, imageUrl: b.imageUrl, linkSafe: isSafeBadgeUrl(b.linkUrl), imageSafe: isSafeBadgeUrl(b.imageUrl) }))}
        empty="This group has no badges."
      />
      <Pagination page={page} totalPages={Math.ceil(total / PER_PAGE)} hrefFor={(p) => `/groups/${group.fullPath}/-/badges?page=${p}`} label="Badges pagination" />
    </section>
  );
}
