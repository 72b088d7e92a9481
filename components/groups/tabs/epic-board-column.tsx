import Link from "next/link";
import { LabelChip, type BoardLabelItem } from "@/components/content/board-column";
import { LabelChips, type LabelChipItem } from "@/components/content/label-chips";
import { ConfidentialBadge } from "@/components/content/confidential-badge";

export interface EpicCardItem {
  id: number;
  href: string;
  /** `&3`, or `sub&3` for an epic of a subgroup. */
  reference: string;
  title: string;
  confidential: boolean;
  /** The epic's colour, shown down the card's edge when the board displays colours. */
  color: string | null;
  labels: LabelChipItem[];
}

export interface EpicBoardColumnItem {
  key: string;
  kind: "backlog" | "label" | "closed";
  title: string;
  /** For label lists: the label, a chip in its colour. */
  label?: BoardLabelItem;
  /** Every epic of the list; `cards` are the first of them. */
  total: number;
  cards: EpicCardItem[];
}

function EpicCard({ card }: { card: EpicCardItem }) {
  return (
    <li
      data-testid="epic-card"
      className={`space-y-2 rounded-md border border-gray-200 bg-white p-3 shadow-xs ${card.color ? "border-l-4" : ""}`}
      style={card.color ? { borderLeftColor: card.color } : undefined}
    >
      <Link href={card.href} className="block text-sm font-medium break-words text-gray-900 hover:text-brand-600 hover:underline">
        {card.title}
      </Link>
      <LabelChips labels={card.labels} />
      <p className="flex flex-wrap items-center gap-2 text-xs text-gray-500">
        <span className="font-mono break-all" data-testid="epic-reference">
          {card.reference}
        </span>
        {card.confidential ? <ConfidentialBadge /> : null}
      </p>
    </li>
  );
}

/** One list of an epic board: its header (name, epic count) and its first cards, then how many more it holds. */
export function EpicBoardColumn({ column }: { column: EpicBoardColumnItem }) {
  const more = column.total - column.cards.length;
  const epics = (n: number) => `${n} ${n === 1 ? "epic" : "epics"}`;
  return (
    <section aria-label={`${column.title} list`} data-testid="board-list" data-list-type={column.kind} className="flex w-72 shrink-0 flex-col rounded-lg border border-gray-200 bg-gray-50">
      <header className={`flex items-center justify-between gap-2 border-b border-gray-200 px-3 py-2 ${column.kind === "label" ? "border-t-4" : ""}`} style={column.label ? { borderTopColor: column.label.color } : undefined}>
        <h3 className="min-w-0 truncate text-sm font-semibold text-gray-900" data-testid="board-list-name">
          {column.label ? <LabelChip label={column.label} /> : column.title}
        </h3>
        <span className="shrink-0 rounded-full bg-white px-2 py-0.5 text-xs font-medium text-gray-600 ring-1 ring-inset ring-gray-200" aria-label={epics(column.total)} data-testid="board-list-count">
          {column.total}
        </span>
      </header>
      {column.cards.length === 0 ? (
        <div className="flex min-h-32 flex-1 items-center justify-center p-3">
          <p className="text-center text-xs text-gray-500">No epics in this list</p>
        </div>
      ) : (
        <ul className="flex flex-1 flex-col gap-2 p-2" aria-label={`Epics in ${column.title}`}>
          {column.cards.map((card) => (
            <EpicCard key={card.id} card={card} />
          ))}
        </ul>
      )}
      {more > 0 ? <p className="border-t border-gray-200 px-3 py-2 text-center text-xs text-gray-500">{epics(more)} more not shown</p> : null}
    </section>
  );
}
