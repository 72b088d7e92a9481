import Link from "next/link";
import type { ReactNode } from "react";
import { StateBadge } from "./state-badge";

export interface IssuableLinkRow {
  id: number;
  href: string;
  title: string;
  reference: string;
  state: string;
  /** After the reference: "closes this issue", a confidential mark. */
  note?: ReactNode;
}

/** A section of an issuable's page listing the epics or merge requests it links to (child epics, related merge requests), each with its state. */
export function IssuableLinks({ id, heading, empty, items }: { id: string; heading: string; empty: string; items: IssuableLinkRow[] }) {
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="mb-2 text-base font-semibold text-gray-900">
        {heading} <span className="text-sm font-normal text-gray-500">({items.length})</span>
      </h3>
      {items.length === 0 ? (
        <p className="text-sm text-gray-500">{empty}</p>
      ) : (
        <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white" aria-label={heading}>
          {items.map((item) => (
            <li key={item.id} className="flex items-center justify-between gap-3 px-4 py-2 text-sm">
              <span className="flex min-w-0 items-center gap-2">
                <Link href={item.href} className="truncate font-medium text-gray-900 hover:text-brand-600 hover:underline">
                  {item.title}
                </Link>
                <span className="shrink-0 font-mono text-xs text-gray-500">{item.reference}</span>
                {item.note}
              </span>
              <StateBadge state={item.state} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
