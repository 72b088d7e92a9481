import Link from "next/link";
import type { ReactNode } from "react";
import { Markdown } from "@/components/ui/markdown";
import type { ResolvedReferences } from "@/lib/markdown";
import { Awards, type AwardItem } from "./awards";
import { ConfidentialBadge } from "./confidential-badge";
import type { LabelChipItem } from "./label-chips";
import { Person, type PersonItem } from "./person";
import { SideItem } from "./side-item";
import { StateBadge } from "./state-badge";
import { When } from "./when";

/** What an epic's and an issue's page both show; each kind's item adds its own. */
export interface IssuableFields {
  title: string;
  /** `group/project#3`, `group&3`: the sidebar's last entry, to copy. */
  reference: string;
  state: string;
  confidential: boolean;
  description: string | null;
  author: PersonItem | null;
  createdAt: Date;
  closedAt: Date | null;
  labels: LabelChipItem[];
  awards: AwardItem[];
}

export interface IssuableViewItem extends Omit<IssuableFields, "closedAt" | "labels"> {
  /** "Epic", "Issue": the header's "Issue created … by". */
  kind: string;
  /** What the breadcrumb shows after the list's name: `#3`, `&3`. */
  shortReference: string;
}

/**
 * The page of an epic or an issue as GitLab lays it out: breadcrumb, state and author, title, then the description
 * and its reactions, what the kind adds (`sections`: child epics, related merge requests), and the activity; the
 * sidebar (`sidebar`: SideItems, then the reference) on the right.
 */
export function IssuableView({
  item,
  listName,
  listHref,
  epicHref,
  references,
  sections,
  activity,
  sidebar,
}: {
  item: IssuableViewItem;
  listName: string;
  listHref: string;
  epicHref?: (iid: number) => string;
  /** The description's references the page resolved (lib/references), linked where they exist and may be seen. */
  references?: ResolvedReferences;
  sections?: ReactNode;
  activity: ReactNode;
  sidebar: ReactNode;
}) {
  return (
    <article aria-labelledby="issuable-title">
      <nav aria-label="Breadcrumb" className="mb-3 text-sm text-gray-500">
        <Link href={listHref}>{listName}</Link> <span aria-hidden="true">/</span> <span className="font-mono">{item.shortReference}</span>
      </nav>
      <div className="mb-3 flex flex-wrap items-center gap-2 text-sm text-gray-600">
        <StateBadge state={item.state} />
        {item.confidential ? <ConfidentialBadge /> : null}
        <span>
          {item.kind} created <When date={item.createdAt} /> by
        </span>
        <Person person={item.author} />
      </div>
      <h2 id="issuable-title" className="mb-6 text-2xl font-semibold break-words text-gray-900">
        {item.title}
      </h2>
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_16rem]">
        <div className="min-w-0 space-y-8">
          <section aria-label="Description" className="space-y-4">
            {item.description?.trim() ? <Markdown source={item.description} epicHref={epicHref} references={references} /> : <p className="text-sm text-gray-500 italic">No description.</p>}
            <Awards awards={item.awards} label={`Reactions to the ${item.kind.toLowerCase()}`} />
          </section>
          {sections}
          <section aria-labelledby="activity-heading">
            <h3 id="activity-heading" className="mb-3 text-base font-semibold text-gray-900">
              Activity
            </h3>
            {activity}
          </section>
        </div>
        <aside aria-label={`${item.kind} details`} className="self-start rounded-lg border border-gray-200 bg-white px-4">
          <dl>
            {sidebar}
            <SideItem label="Reference">
              <span className="font-mono text-xs break-all text-gray-700">{item.reference}</span>
            </SideItem>
          </dl>
        </aside>
      </div>
    </article>
  );
}
