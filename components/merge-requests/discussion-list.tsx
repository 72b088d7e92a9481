import { Comment, type NoteItem } from "@/components/content/note-list";
import { When } from "@/components/content/when";
import { Person, type PersonItem } from "@/components/content/person";
import { InlineMarkdown } from "@/components/ui/markdown";
import { DiffLinesTable } from "@/components/projects/repository/diff-file";
import type { ResolvedReferences } from "@/lib/markdown";
import type { DiffLine } from "@/lib/repositories";

/** One entry of a merge request's activity: a system note, a comment alone, or a thread (on a diff line, perhaps). */
export interface DiscussionItem {
  id: string;
  kind: "system" | "note" | "thread";
  notes: NoteItem[];
  /** A diff thread: the file and the lines around the one it is on. */
  diff: { path: string; lines: DiffLine[] } | null;
  resolved: { by: PersonItem | null; at: Date } | null;
}

/** How the notes' Markdown links: epics by iid, and the references that exist and the viewer may see. */
interface Links {
  epicHref: (iid: number) => string;
  references?: ResolvedReferences;
}

function SystemLine({ note, epicHref, references }: { note: NoteItem } & Links) {
  return (
    <li className="flex items-start gap-3 py-2 pl-2 text-xs text-gray-600" data-system="true">
      <span aria-hidden="true" className="mt-1 size-2 shrink-0 rounded-full bg-gray-300 ring-4 ring-gray-50" />
      <p className="flex min-w-0 flex-wrap items-center gap-x-1">
        <Person person={note.author} />
        <span className="min-w-0 break-words">
          <InlineMarkdown source={note.body.split("\n", 1)[0] ?? ""} epicHref={epicHref} references={references} />
        </span>
        <span aria-hidden="true">·</span>
        <When date={note.createdAt} className="text-gray-500" />
      </p>
    </li>
  );
}

function Thread({ item, epicHref, references }: { item: DiscussionItem } & Links) {
  return (
    <>
      {item.diff ? (
        <div className="border-b border-gray-200" data-testid="diff-thread-context">
          <p className="border-b border-gray-200 bg-gray-50 px-4 py-1.5 font-mono text-xs text-gray-900">{item.diff.path}</p>
          {item.diff.lines.length ? <DiffLinesTable lines={item.diff.lines} caption={`The lines of ${item.diff.path} this thread is on`} /> : <p className="px-4 py-2 text-xs text-gray-500">This line is no longer in the diff.</p>}
        </div>
      ) : null}
      <div className="space-y-3 p-4">
        {item.notes.map((note, i) => (
          <div key={note.id} className={i > 0 ? "pl-6" : ""}>
            <Comment note={note} epicHref={epicHref} references={references} reply={i > 0} />
          </div>
        ))}
      </div>
    </>
  );
}

/**
 * A merge request's activity as GitLab's Overview draws it: system notes as small lines, comments as cards, threads
 * with their replies, a diff thread under the lines it is on, a resolved thread folded ("resolved by X") until opened.
 */
export function DiscussionList({ items, epicHref, references }: { items: DiscussionItem[] } & Links) {
  if (items.length === 0) return <p className="text-sm text-gray-500">No activity yet.</p>;
  return (
    <ol className="space-y-2" aria-label="Activity">
      {items.map((item) => {
        if (item.kind === "system") return <SystemLine key={item.id} note={item.notes[0]!} epicHref={epicHref} references={references} />;
        const internal = item.notes[0]!.internal;
        const box = `overflow-hidden rounded-lg border bg-white ${internal ? "border-amber-200 bg-amber-50/40" : "border-gray-200"}`;
        if (item.resolved) {
          return (
            <li key={item.id} className={box} data-resolved="true">
              <details>
                <summary className="flex cursor-pointer flex-wrap items-center gap-x-1.5 bg-gray-50 px-4 py-2 text-sm text-gray-700">
                  <span aria-hidden="true" className="text-green-700">✓</span>
                  <span>{`${item.notes.length === 1 ? "1 comment" : `${item.notes.length} comments`} · Thread resolved by`}</span>
                  <Person person={item.resolved.by} showUsername={false} />
                  <When date={item.resolved.at} className="text-gray-500" />
                  {item.diff ? <span className="font-mono text-xs text-gray-500">{`on ${item.diff.path}`}</span> : null}
                </summary>
                <Thread item={item} epicHref={epicHref} references={references} />
              </details>
            </li>
          );
        }
        return (
          <li key={item.id} className={box}>
            {item.kind === "thread" && !item.diff ? <p className="border-b border-gray-100 px-4 py-1.5 text-xs text-gray-500">Thread · unresolved</p> : null}
            <Thread item={item} epicHref={epicHref} references={references} />
          </li>
        );
      })}
    </ol>
  );
}
