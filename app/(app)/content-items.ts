import type { LabelChipItem } from "@/components/content/label-chips";
import type { ActivityEntry } from "@/components/content/note-list";
import type { PersonItem } from "@/components/content/person";
import { labelTextColor, type ActivityItem, type Label } from "@/lib/content";
import type { UserSummary } from "@/lib/groups";
import { listPlaceholderIdentities, type PlaceholderIdentity } from "@/lib/users";

/** What epics', issues' and their activity's pages turn lib's rows into for components/content. */

export const labelItems = (labels: Label[]): LabelChipItem[] => labels.map((l) => ({ id: l.id, title: l.title, color: l.color, textColor: labelTextColor(l), description: l.description }));

/** Turns users into what the UI shows, marking the placeholders of imported users (one query for all of them). */
export async function peopleResolver(users: (UserSummary | null)[]): Promise<(user: UserSummary | null) => PersonItem | null> {
  const placeholders: Map<number, PlaceholderIdentity> = await listPlaceholderIdentities([
    ...new Set(users.filter((u): u is UserSummary => u !== null && u.userType === "placeholder").map((u) => u.id)),
  ]);
  return (user) => (user ? { name: user.name, username: user.username, placeholder: placeholders.get(user.id) } : null);
}

/** The users an activity page names: notes' authors, events' users. */
export const activityUsers = (items: ActivityItem[]) => items.map((item) => (item.kind === "note" ? item.note.author : item.event.user));

/** A page of activity as NoteList draws it; `milestoneHref` links a milestone event to its milestone's page. */
export function activityEntries(
  items: ActivityItem[],
  person: (user: UserSummary | null) => PersonItem | null,
  milestoneHref?: (milestone: { iid: number; projectId: number | null; groupId: number | null }) => string | undefined,
): ActivityEntry[] {
  return items.map((item): ActivityEntry => {
    if (item.kind === "note") {
      const n = item.note;
      return { kind: "note", note: { id: n.id, body: n.note, system: n.system, internal: n.internal, discussionId: n.discussionId, author: person(n.author), createdAt: n.createdAt, updatedAt: n.updatedAt, awards: n.awards } };
    }
    const base = { id: item.event.id, user: person(item.event.user), createdAt: item.event.createdAt };
    if (item.kind === "state") return { kind: "state", state: item.event.state, ...base };
    if (item.kind === "label") return { kind: "label", action: item.event.action, label: item.event.label ? labelItems([item.event.label])[0]! : null, ...base };
    const m = item.event.milestone;
    return { kind: "milestone", action: item.event.action, milestone: m ? { title: m.title, href: milestoneHref?.(m) } : null, ...base };
  });
}
