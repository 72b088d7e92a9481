import { notFound } from "next/navigation";
import { EpicView } from "@/components/groups/tabs/epic-view";
import { NoteList } from "@/components/content/note-list";
import { Pagination } from "@/components/ui/pagination";
import { groupRoute, type GroupParams } from "@/app/(app)/groups/group-route";
import { pageOf } from "@/app/(app)/route-params";
import { listEpicActivity } from "@/lib/content";
import { findEpicById, listChildEpics } from "@/lib/groups";
import { activityEntries, activityUsers, labelItems, peopleResolver } from "@/app/(app)/content-items";
import { resolveReferences } from "@/lib/references";
import { epicOf, epicPath, referenceFrom } from "../../../epic-items";

const ACTIVITY_PER_PAGE = 50;

/** An epic (`/-/epics/<iid>`): its description, dates, labels, parent and children, and its activity, 50 a page. */
export default async function EpicPage({ params, searchParams }: { params: Promise<GroupParams & { iid: string }>; searchParams: Promise<{ page?: string }> }) {
  const { user, group } = await groupRoute(params);
  const epic = await epicOf(user, group, Number((await params).iid));
  if (!epic) notFound();
  const page = pageOf((await searchParams).page);
  const [parent, children, activity] = await Promise.all([
    epic.parent ? findEpicById(user, epic.parent.id) : undefined,
    listChildEpics(user, group, epic),
    listEpicActivity(epic, { page, perPage: ACTIVITY_PER_PAGE }),
  ]);
  const [person, references] = await Promise.all([
    peopleResolver([epic.author, ...activityUsers(activity.items)]),
    // References in the text (`&5`, `~label`, `group/project#5`, `@user`) link where they exist and the viewer may see them.
    resolveReferences(user, { group: epic.group.fullPath }, [epic.description, ...activity.items.map((item) => (item.kind === "note" ? item.note.note : null))]),
  ]);
  const entries = activityEntries(activity.items, person);
  const self = epicPath(epic);
  const epicHref = (n: number) => `/groups/${epic.group.fullPath}/-/epics/${n}`;
  return (
    <EpicView
      listHref={`/groups/${group.fullPath}/-/epics`}
      epicHref={epicHref}
      references={references}
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
        parent: epic.parent ? (parent ? { reference: referenceFrom(group, parent), title: parent.title, href: epicPath(parent) } : { reference: `&${epic.parent.iid}` }) : null,
        children: children.map((child) => ({ id: child.id, href: epicPath(child), reference: referenceFrom(group, child), title: child.title, state: child.state, confidential: child.confidential })),
      }}
      activity={
        <>
          <NoteList entries={entries} epicHref={epicHref} references={references} />
          <Pagination page={page} totalPages={Math.ceil(activity.total / ACTIVITY_PER_PAGE)} hrefFor={(p) => `${self}?page=${p}`} label="Activity pagination" />
        </>
      }
    />
  );
}
