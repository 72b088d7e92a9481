import { notFound } from "next/navigation";
import { EpicFilters, type EpicStateFilter } from "@/components/groups/tabs/epic-filters";
import type { EpicLabelItem } from "@/components/groups/tabs/epic-labels";
import type { PersonItem } from "@/components/groups/tabs/epic-person";
import { EpicView } from "@/components/groups/tabs/epic-view";
import { EpicsList } from "@/components/groups/tabs/epics-list";
import { NoteList, type ActivityEntry } from "@/components/groups/tabs/note-list";
import { Pagination } from "@/components/ui/pagination";
import {
  countEpicsByState,
  findEpic,
  findEpicById,
  labelTextColor,
  listChildEpics,
  listEpicActivity,
  listEpics,
  type EpicRow,
  type GroupWithAccess,
  type Label,
  type UserSummary,
} from "@/lib/groups";
import { listPlaceholderIdentities, type PlaceholderIdentity, type PublicUser } from "@/lib/users";

const PER_PAGE = 20;
const ACTIVITY_PER_PAGE = 50;

interface Props {
  user: PublicUser;
  group: GroupWithAccess;
  page: number;
  search?: string;
  state?: string;
  /** One label title: only epics with it (GitLab's `label_name[]`). */
  label?: string;
  iid?: number;
}

/** The Epics tab (`/-/epics`) and an epic's page (`/-/epics/<iid>`). */
export async function EpicsSection(props: Props) {
  return props.iid === undefined ? <EpicsIndex {...props} /> : <EpicPage {...props} iid={props.iid} />;
}

export const epicPath = (epic: Pick<EpicRow, "iid" | "group">) => `/groups/${epic.group.fullPath}/-/epics/${epic.iid}`;

/** `&3` in the group itself, `sub/deeper&3` below it (GitLab's reference relative to the page's group). */
export function referenceFrom(group: GroupWithAccess, epic: Pick<EpicRow, "iid" | "group">): string {
  if (epic.group.id === group.id) return `&${epic.iid}`;
  const prefix = `${group.fullPath}/`;
  return `${epic.group.fullPath.startsWith(prefix) ? epic.group.fullPath.slice(prefix.length) : epic.group.fullPath}&${epic.iid}`;
}

export const labelItems = (labels: Label[]): EpicLabelItem[] => labels.map((l) => ({ id: l.id, title: l.title, color: l.color, textColor: labelTextColor(l), description: l.description }));

/** Turns users into what the UI shows, marking the placeholders of imported users (one query for all of them). */
async function peopleResolver(users: (UserSummary | null)[]): Promise<(user: UserSummary | null) => PersonItem | null> {
  const placeholders: Map<number, PlaceholderIdentity> = await listPlaceholderIdentities([
    ...new Set(users.filter((u): u is UserSummary => u !== null && u.userType === "placeholder").map((u) => u.id)),
  ]);
  return (user) => (user ? { name: user.name, username: user.username, placeholder: placeholders.get(user.id) } : null);
}

async function EpicsIndex({ user, group, page, search, state, label }: Props) {
  const filter: EpicStateFilter = state === "closed" || state === "all" ? state : "opened";
  const labelTitle = label?.trim() || undefined;
  const filters = { search: search?.trim() || undefined, labels: labelTitle ? [labelTitle] : undefined };
  const [{ rows, total }, counts] = await Promise.all([
    listEpics(user, group, { ...filters, state: filter === "all" ? undefined : filter, page, perPage: PER_PAGE }),
    countEpicsByState(user, group, filters),
  ]);
  const person = await peopleResolver(rows.map((r) => r.author));
  const base = `/groups/${group.fullPath}/-/epics`;
  const query = (extra: Record<string, string>) => `${base}?${new URLSearchParams({ state: filter, ...(filters.search ? { search: filters.search } : {}), ...(labelTitle ? { label_name: labelTitle } : {}), ...extra })}`;
  const empty = filters.search || labelTitle ? "No epics match these filters." : filter === "opened" ? "No open epics." : filter === "closed" ? "No closed epics." : "This group has no epics.";
  return (
    <section aria-label="Epics">
      <EpicFilters base={base} state={filter} search={filters.search} label={labelTitle} counts={counts} />
      <EpicsList
        showState={filter === "all"}
        labelHref={(title) => query({ label_name: title })}
        empty={empty}
        epics={rows.map((epic) => ({
          id: epic.id,
          href: epicPath(epic),
          reference: referenceFrom(group, epic),
          title: epic.title,
          state: epic.state,
          confidential: epic.confidential,
          labels: labelItems(epic.labels),
          author: person(epic.author),
          createdAt: epic.createdAt,
          closedAt: epic.closedAt,
          startDate: epic.startDateIsFixed ? (epic.startDateFixed ?? epic.startDate) : epic.startDate,
          dueDate: epic.dueDateIsFixed ? (epic.dueDateFixed ?? epic.dueDate) : epic.dueDate,
          childCount: epic.childCount,
          awards: epic.awards,
        }))}
      />
      <Pagination
        page={page}
        totalPages={Math.ceil(total / PER_PAGE)}
        hrefFor={(p) => query({ page: String(p) })}
        label="Epics pagination"
      />
    </section>
  );
}

async function EpicPage({ user, group, page, iid }: Props & { iid: number }) {
  const epic = await findEpic(user, group, iid);
  if (!epic) notFound();
  const [parent, children, activity] = await Promise.all([
    epic.parent ? findEpicById(user, epic.parent.id) : undefined,
    listChildEpics(user, group, epic),
    listEpicActivity(epic, { page, perPage: ACTIVITY_PER_PAGE }),
  ]);
  const person = await peopleResolver([
    epic.author,
    ...activity.items.map((item) => (item.kind === "note" ? item.note.author : item.event.user)),
  ]);
  const entries: ActivityEntry[] = activity.items.map((item) =>
    item.kind === "note"
      ? { kind: "note", note: { id: item.note.id, body: item.note.note, system: item.note.system, internal: item.note.internal, discussionId: item.note.discussionId, author: person(item.note.author), createdAt: item.note.createdAt, updatedAt: item.note.updatedAt, awards: item.note.awards } }
      : { kind: "state", id: item.event.id, state: item.event.state, user: person(item.event.user), createdAt: item.event.createdAt },
  );
  const self = epicPath(epic);
  // References in the text (`&5`) are to epics of the epic's own group.
  const epicHref = (n: number) => `/groups/${epic.group.fullPath}/-/epics/${n}`;
  return (
    <EpicView
      listHref={`/groups/${group.fullPath}/-/epics`}
      epicHref={epicHref}
      epic={{
        title: epic.title,
        reference: `${epic.group.fullPath}&${epic.iid}`,
        state: epic.state,
        confidential: epic.confidential,
        description: epic.description,
        author: person(epic.author),
        createdAt: epic.createdAt,
        closedAt: epic.closedAt,
        labels: labelItems(epic.labels),
        awards: epic.awards,
        startDate: { fixed: Boolean(epic.startDateIsFixed), fixedDate: epic.startDateFixed, inheritedDate: epic.startDate },
        dueDate: { fixed: Boolean(epic.dueDateIsFixed), fixedDate: epic.dueDateFixed, inheritedDate: epic.dueDate },
        parent: epic.parent
          ? parent
            ? { reference: referenceFrom(group, parent), title: parent.title, href: epicPath(parent) }
            : { reference: `&${epic.parent.iid}` }
          : null,
        children: children.map((child) => ({ id: child.id, href: epicPath(child), reference: referenceFrom(group, child), title: child.title, state: child.state, confidential: child.confidential })),
      }}
      activity={
        <>
          <NoteList entries={entries} epicHref={epicHref} />
          <Pagination page={page} totalPages={Math.ceil(activity.total / ACTIVITY_PER_PAGE)} hrefFor={(p) => `${self}?page=${p}`} label="Activity pagination" />
        </>
      }
    />
  );
}
