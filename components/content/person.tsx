import { Badge } from "@/components/ui/badge";
import type { PlaceholderSource } from "./members-table";

export interface PersonItem {
  name: string;
  username: string;
  /** Set when the account is a placeholder standing in for a user of the source instance. */
  placeholder?: PlaceholderSource;
}

/** "Name @username", with imported users' placeholders marked as on the Members tab; a deleted account as GitLab's ghost. */
export function Person({ person, showUsername = true }: { person: PersonItem | null; showUsername?: boolean }) {
  if (!person) return <span className="font-medium text-gray-700">Ghost User</span>;
  const source = person.placeholder;
  return (
    <span className="inline-flex flex-wrap items-center gap-x-1.5 gap-y-0.5" data-placeholder={source ? "true" : undefined}>
      <span className="font-medium text-gray-900">{person.name}</span>
      {showUsername ? <span className="text-gray-500">@{person.username}</span> : null}
      {source ? (
        <span title={`Placeholder for ${source.sourceName ? `${source.sourceName} ` : ""}@${source.sourceUsername} on ${source.sourceUrl}`}>
          <Badge tone="warning">Placeholder</Badge>
        </span>
      ) : null}
    </span>
  );
}

/** A round initial where GitLab shows an avatar. */
export function Initial({ person }: { person: PersonItem | null }) {
  const letter = (person?.name || person?.username || "?").trim().charAt(0).toUpperCase();
  return (
    <span aria-hidden="true" className="flex size-8 shrink-0 items-center justify-center rounded-full bg-brand-100 text-sm font-semibold text-brand-700">
      {letter}
    </span>
  );
}
