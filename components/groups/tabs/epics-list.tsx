import { Awards, type AwardItem } from "@/components/content/awards";
import { formatSpan } from "@/components/content/format";
import { IssuableList, type IssuableLinkItem } from "@/components/content/issuable-list";
import type { LabelChipItem } from "@/components/content/label-chips";
import type { PersonItem } from "@/components/content/person";
import { StateBadge } from "@/components/content/state-badge";

/** What names an epic and links to it wherever epics are listed: a group's epics, an epic's children. */
export type EpicLinkItem = IssuableLinkItem;

export interface EpicListItem extends EpicLinkItem {
  labels: LabelChipItem[];
  author: PersonItem | null;
  createdAt: Date;
  closedAt: Date | null;
  startDate: string | null;
  dueDate: string | null;
  childCount: number;
  awards: AwardItem[];
}

export function EpicsList({ epics, empty, showState, labelHref }: { epics: EpicListItem[]; empty: string; showState: boolean; labelHref?: (title: string) => string }) {
  return (
    <IssuableList
      noun="epics"
      empty={empty}
      labelHref={labelHref}
      items={epics.map((epic) => {
        const span = formatSpan(epic.startDate, epic.dueDate);
        return {
          ...epic,
          details: span ? [<span key="span">{span}</span>] : [],
          aside: (
            <>
              {showState ? <StateBadge state={epic.state} /> : null}
              {epic.childCount > 0 ? <span>{epic.childCount === 1 ? "1 child epic" : `${epic.childCount} child epics`}</span> : null}
              <Awards awards={epic.awards.filter((a) => a.name === "thumbsup" || a.name === "thumbsdown")} label={`Votes on ${epic.title}`} />
            </>
          ),
        };
      })}
    />
  );
}
