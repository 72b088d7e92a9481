import { notFound } from "next/navigation";
import { GroupAvatar } from "@/components/groups/group-avatar";
import { GroupList } from "@/components/groups/group-list";
import { GroupTabs } from "@/components/groups/group-tabs";
import { MembersTable } from "@/components/groups/members-table";
import { SearchForm } from "@/components/groups/search-form";
import { LabelsList } from "@/components/groups/tabs/labels-list";
import { MilestonesList } from "@/components/groups/tabs/milestones-list";
import { Badge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { canCreateSubgroup, countEpicsByState, countGroupRelations, findGroup, labelTextColor, listGroups, listLabels, listMembers, listMilestones, type GroupWithAccess } from "@/lib/groups";
import { canManagePlaceholders, listPlaceholderIdentities, type PublicUser } from "@/lib/users";
import { requireUser } from "../../require-user";
import { BadgesSection } from "./badges-section";
import { BoardsSection } from "./boards-section";
import { EpicsSection } from "./epics-section";
import { IterationsSection } from "./iterations-section";
import { MembersSection } from "./members-section";
import { PlaceholdersSection } from "./placeholders-section";

const PER_PAGE = 20;
const TABS = ["overview", "labels", "milestones", "epics", "boards", "iterations", "badges", "members", "placeholders"] as const;
type Tab = (typeof TABS)[number];
/** Tabs with pages of their own below them: `/-/epics/3`, `/-/boards/12`, `/-/iterations/7`. */
const NESTED: readonly Tab[] = ["epics", "boards", "iterations"];

/**
 * `/groups/a/b` is the overview of a/b; `/groups/a/b/-/labels` a tab of it (GitLab's `/-/` separator), and
 * `/groups/a/b/-/epics/3` a page inside a tab (`item`). Epic boards keep GitLab's URLs (`/-/epic_boards[/<id>]`) and
 * show under the Boards tab, beside the issue boards (`epicBoards`).
 */
function parse(segments: string[]): { fullPath: string; tab: Tab | null; item?: string; epicBoards?: boolean } {
  const parts = segments.map(decodeURIComponent);
  const dash = parts.indexOf("-");
  if (dash === -1) return { fullPath: parts.join("/"), tab: "overview" };
  const fullPath = parts.slice(0, dash).join("/");
  const epicBoards = parts[dash + 1] === "epic_boards";
  const tab = (epicBoards ? "boards" : parts[dash + 1]) as Tab;
  if (!(TABS as readonly string[]).includes(tab)) return { fullPath, tab: null };
  if (parts.length === dash + 2) return { fullPath, tab, epicBoards };
  if (parts.length === dash + 3 && NESTED.includes(tab) && /^\d+$/.test(parts[dash + 2]!)) return { fullPath, tab, item: parts[dash + 2], epicBoards };
  return { fullPath, tab: null };
}

interface SearchParams {
  label_name?: string;
  page?: string;
  search?: string;
  state?: string;
  status?: string;
}

export async function generateMetadata({ params }: { params: Promise<{ path: string[] }> }) {
  const { fullPath, tab, epicBoards } = parse((await params).path);
  const name = epicBoards ? "Epic boards" : tab && `${tab[0]!.toUpperCase()}${tab.slice(1)}`;
  return { title: tab && tab !== "overview" ? `${name} · ${fullPath}` : fullPath };
}

export default async function GroupPage({ params, searchParams }: { params: Promise<{ path: string[] }>; searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  const { fullPath, tab, item, epicBoards } = parse((await params).path);
  const group = tab ? await findGroup(user, fullPath) : undefined;
  if (!group || !tab) notFound();
  const placeholders = canManagePlaceholders(user, group);
  if (tab === "placeholders" && !placeholders) notFound();
  const query = await searchParams;
  const page = Math.max(1, Number(query.page) || 1);
  const [labelCount, milestoneCount, memberCount, counts, epicCounts] = await Promise.all([
    listLabels(group.id, { page: 1, perPage: 1 }),
    listMilestones(group.id, { page: 1, perPage: 1 }),
    listMembers(group, { inherited: true, page: 1, perPage: 1 }),
    countGroupRelations(group.id),
    // The Epics tab lists subgroups' epics too, and hides confidential ones from guests: its count must agree.
    countEpicsByState(user, group, {}),
  ]);
  return (
    <>
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            <GroupAvatar name={group.name} avatarPath={group.avatarPath} size="lg" />
            {group.name} <Badge>{group.visibility}</Badge>
          </span>
        }
        description={
          <>
            <span className="font-mono text-xs">{group.fullPath}</span>
            {group.description ? <p className="mt-2">{group.description}</p> : null}
          </>
        }
        actions={canCreateSubgroup(user, group.accessLevel) ? <LinkButton href={`/groups/new?parent_id=${group.id}`}>New subgroup</LinkButton> : null}
      />
      <GroupTabs
        fullPath={group.fullPath}
        current={tab}
        tabs={[
          { key: "overview", label: "Overview" },
          { key: "labels", label: "Labels", count: labelCount.total },
          { key: "milestones", label: "Milestones", count: milestoneCount.total },
          { key: "epics", label: "Epics", count: epicCounts.all },
          { key: "boards", label: "Boards", count: counts.boards + counts.epicBoards },
          { key: "iterations", label: "Iterations", count: counts.iterations },
          { key: "badges", label: "Badges", count: counts.badges },
          { key: "members", label: "Members", count: memberCount.total },
          ...(placeholders ? [{ key: "placeholders", label: "Placeholders" }] : []),
        ]}
      />
      {tab === "overview" ? <Overview user={user} group={group} page={page} /> : null}
      {tab === "labels" ? <Labels group={group} page={page} search={query.search} /> : null}
      {tab === "milestones" ? <Milestones group={group} page={page} search={query.search} state={query.state} /> : null}
      {tab === "epics" ? <EpicsSection user={user} group={group} page={page} search={query.search} state={query.state} label={query.label_name} iid={item ? Number(item) : undefined} /> : null}
      {tab === "boards" ? <BoardsSection user={user} group={group} boardId={item ? Number(item) : undefined} epicBoards={epicBoards} /> : null}
      {tab === "iterations" ? <IterationsSection group={group} page={page} search={query.search} state={query.state} iterationId={item ? Number(item) : undefined} /> : null}
      {tab === "badges" ? <BadgesSection group={group} page={page} /> : null}
      {tab === "members" ? <MembersSection user={user} group={group} page={page} search={query.search} /> : null}
      {tab === "placeholders" ? <PlaceholdersSection user={user} group={group} page={page} search={query.search} status={query.status} /> : null}
    </>
  );
}

async function Overview({ user, group, page }: { user: PublicUser; group: GroupWithAccess; page: number }) {
  const [subgroups, members] = await Promise.all([
    listGroups(user, { parentId: group.id, page, perPage: PER_PAGE }),
    listMembers(group, { inherited: true, page: 1, perPage: 100 }),
  ]);
  const [ancestors, placeholders] = await Promise.all([
    Promise.all(group.traversalIds.slice(0, -1).map((id) => findGroup(user, id))),
    listPlaceholderIdentities(members.rows.map((m) => m.userId)),
  ]);
  const pathOf = new Map(ancestors.filter((g) => g !== undefined).map((g) => [g.id, g.fullPath]));
  return (
    <>
      <section aria-labelledby="subgroups-heading" className="mb-10">
        <h2 id="subgroups-heading" className="mb-3 text-lg font-semibold">
          Subgroups <span className="text-sm font-normal text-gray-500">({subgroups.total})</span>
        </h2>
        <GroupList groups={subgroups.rows} empty="This group has no subgroups yet." />
        <Pagination page={page} totalPages={Math.ceil(subgroups.total / PER_PAGE)} hrefFor={(p) => `/groups/${group.fullPath}?page=${p}`} label="Subgroups pagination" />
      </section>
      <section aria-labelledby="members-heading">
        <h2 id="members-heading" className="mb-3 text-lg font-semibold">
          Members <span className="text-sm font-normal text-gray-500">({members.total})</span>
        </h2>
        <MembersTable
          members={members.rows.map((m) => ({ ...m, inheritedFrom: m.sourceGroupId === group.id ? undefined : (pathOf.get(m.sourceGroupId) ?? "a parent group"), placeholder: placeholders.get(m.userId) }))}
        />
      </section>
    </>
  );
}

async function Labels({ group, page, search }: { group: GroupWithAccess; page: number; search?: string }) {
  const { rows, total } = await listLabels(group.id, { search, page, perPage: PER_PAGE });
  const base = `/groups/${group.fullPath}/-/labels`;
  return (
    <section aria-label="Labels">
      <div className="mb-4">
        <SearchForm action={base} value={search} placeholder="Filter labels" label="Filter labels" />
      </div>
      <LabelsList labels={rows.map((l) => ({ id: l.id, title: l.title, color: l.color, textColor: labelTextColor(l), description: l.description }))} empty={search ? `No labels match "${search}".` : "This group has no labels."} />
      <Pagination page={page} totalPages={Math.ceil(total / PER_PAGE)} hrefFor={(p) => `${base}?${new URLSearchParams({ ...(search ? { search } : {}), page: String(p) })}`} label="Labels pagination" />
    </section>
  );
}

async function Milestones({ group, page, search, state }: { group: GroupWithAccess; page: number; search?: string; state?: string }) {
  const filter = state === "closed" || state === "all" ? state : "active";
  const { rows, total } = await listMilestones(group.id, { search, state: filter === "all" ? undefined : filter, page, perPage: PER_PAGE });
  const base = `/groups/${group.fullPath}/-/milestones`;
  const href = (s: string, p = 1) => `${base}?${new URLSearchParams({ state: s, ...(search ? { search } : {}), page: String(p) })}`;
  return (
    <section aria-label="Milestones">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="Milestone state" className="flex gap-1 text-sm">
          {[
            ["active", "Open"],
            ["closed", "Closed"],
            ["all", "All"],
          ].map(([value, label]) => (
            <a key={value} href={href(value!)} aria-current={filter === value ? "page" : undefined} className={`rounded-md px-3 py-1.5 ${filter === value ? "bg-gray-200 font-medium text-gray-900" : "text-gray-600 hover:bg-gray-100"}`}>
              {label}
            </a>
          ))}
        </nav>
        <SearchForm action={base} value={search} placeholder="Filter milestones" label="Filter milestones" />
      </div>
      <MilestonesList milestones={rows} empty={search ? `No milestones match "${search}".` : filter === "active" ? "No open milestones." : "No milestones."} />
      <Pagination page={page} totalPages={Math.ceil(total / PER_PAGE)} hrefFor={(p) => href(filter, p)} label="Milestones pagination" />
    </section>
  );
}
