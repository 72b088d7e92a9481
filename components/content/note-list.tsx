import { InlineMarkdown, Markdown } from "@/components/ui/markdown";
import type { ResolvedReferences } from "@/lib/markdown";
import { Awards, type AwardItem } from "./awards";
import { When } from "./when";
import { Initial, Person, type PersonItem } from "./person";
import { ConfidentialBadge } from "./confidential-badge";
import { LabelChips, type LabelChipItem } from "./label-chips";

export interface NoteItem {
  id: number;
  body: string;
  system: boolean;
  internal: boolean;
  discussionId: string | null;
  author: PersonItem | null;
  createdAt: Date;
  updatedAt: Date;
  awards: AwardItem[];
}

interface EventBase {
  id: number;
  user: PersonItem | null;
  createdAt: Date;
}

/** A comment or system note, or a resource event drawn as the system note GitLab makes of it. */
export type ActivityEntry =
  | { kind: "note"; note: NoteItem }
  | ({ kind: "state"; state: string } & EventBase)
  | ({ kind: "label"; action: "add" | "remove"; label: LabelChipItem | null } & EventBase)
  | ({ kind: "milestone"; action: "add" | "remove"; milestone: { title: string; href?: string } | null } & EventBase);

type EventEntry = Exclude<ActivityEntry, { kind: "note" }>;

type Row = { kind: "event"; entry: ActivityEntry } | { kind: "thread"; notes: NoteItem[] };

/** Comments of one discussion arrive together (the query orders them so): they become one thread. */
function rowsOf(entries: ActivityEntry[]): Row[] {
  const rows: Row[] = [];
  for (const entry of entries) {
    if (entry.kind !== "note" || entry.note.system) {
      rows.push({ kind: "event", entry });
      continue;
    }
    const previous = rows[rows.length - 1];
    if (previous?.kind === "thread" && entry.note.discussionId !== null && previous.notes[0]!.discussionId === entry.note.discussionId) previous.notes.push(entry.note);
    else rows.push({ kind: "thread", notes: [entry.note] });
  }
  return rows;
}

const STATE_TEXT: Record<string, string> = { closed: "closed", reopened: "reopened", opened: "opened" };

/** What a resource event says, in GitLab's words: "added ~bug label", "changed milestone to %v1", "closed". */
function EventText({ entry }: { entry: EventEntry }) {
  if (entry.kind === "state") return <>{STATE_TEXT[entry.state] ?? entry.state}</>;
  if (entry.kind === "label") {
    return (
      <span className="inline-flex flex-wrap items-center gap-1">
        {entry.action === "add" ? "added" : "removed"}
        {entry.label ? <LabelChips labels={[entry.label]} /> : <span className="italic">a deleted label</span>}
        label
      </span>
    );
  }
  const title = entry.milestone ? entry.milestone.href ? <a href={entry.milestone.href}>%{entry.milestone.title}</a> : <>%{entry.milestone.title}</> : <span className="italic">a deleted milestone</span>;
  return <>{entry.action === "add" ? <>changed milestone to {title}</> : <>removed milestone {title}</>}</>;
}

/** A system note or a state change: one muted line on the timeline, as GitLab draws them. */
function SystemEvent({ entry, epicHref, references }: { entry: ActivityEntry; epicHref?: (iid: number) => string; references?: ResolvedReferences }) {
  const who = entry.kind === "note" ? entry.note.author : entry.user;
  const date = entry.kind === "note" ? entry.note.createdAt : entry.createdAt;
  return (
    <li className="relative flex items-start gap-3 py-2 pl-2 text-xs text-gray-600" data-system="true">
      <span aria-hidden="true" className="mt-1 size-2 shrink-0 rounded-full bg-gray-300 ring-4 ring-gray-50" />
      <div className="min-w-0 space-y-1">
        <p className="flex flex-wrap items-center gap-x-1">
          <Person person={who} />
          <span>{entry.kind === "note" ? <InlineMarkdown source={entry.note.body} epicHref={epicHref} references={references} /> : <EventText entry={entry} />}</span>
          <span aria-hidden="true">·</span>
          <When date={date} className="text-gray-500" />
        </p>
        {entry.kind === "note" ? <Awards awards={entry.note.awards} label="Reactions" /> : null}
      </div>
    </li>
  );
}

export function Comment({ note, epicHref, references, reply }: { note: NoteItem; epicHref?: (iid: number) => string; references?: ResolvedReferences; reply: boolean }) {
  const edited = note.updatedAt.getTime() - note.createdAt.getTime() > 60_000;
  return (
    <article className={`flex gap-3 ${reply ? "border-t border-gray-100 pt-3" : ""}`} aria-label={`Comment by ${note.author?.name ?? "Ghost User"}`}>
      <Initial person={note.author} />
      <div className="min-w-0 flex-1 space-y-2">
        <header className="flex flex-wrap items-center gap-x-1.5 text-sm">
          <Person person={note.author} />
          <span aria-hidden="true" className="text-gray-400">·</span>
          <When date={note.createdAt} className="text-gray-500" />
          {edited ? <span className="text-xs text-gray-500">(edited)</span> : null}
          {note.internal ? <ConfidentialBadge label="Internal note" /> : null}
        </header>
        <Markdown source={note.body} epicHref={epicHref} references={references} />
        <Awards awards={note.awards} label="Reactions" />
      </div>
    </article>
  );
}

/** An epic's or issue's activity: comment threads as cards, system notes and resource events as small lines between them. */
/** `references`: the notes' references the page resolved (lib/references), linked where they exist and may be seen. */
export function NoteList({ entries, epicHref, references }: { entries: ActivityEntry[]; epicHref?: (iid: number) => string; references?: ResolvedReferences }) {
  if (entries.length === 0) return <p className="text-sm text-gray-500">No activity yet.</p>;
  return (
    <ol className="space-y-2" aria-label="Activity">
      {rowsOf(entries).map((row) =>
        row.kind === "event" ? (
          <SystemEvent key={row.entry.kind === "note" ? `n${row.entry.note.id}` : `${row.entry.kind}${row.entry.id}`} entry={row.entry} epicHref={epicHref} references={references} />
        ) : (
          <li key={`t${row.notes[0]!.id}`} className={`rounded-lg border bg-white p-4 ${row.notes[0]!.internal ? "border-amber-200 bg-amber-50/40" : "border-gray-200"}`}>
            <div className="space-y-3">
              {row.notes.map((note, i) => (
                <div key={note.id} className={i > 0 ? "pl-6" : ""}>
                  <Comment note={note} epicHref={epicHref} references={references} reply={i > 0} />
                </div>
              ))}
            </div>
          </li>
        ),
      )}
    </ol>
  );
}
