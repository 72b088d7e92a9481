import type { ReactNode } from "react";

/**
 * Grey shapes where a group page's content is about to be, while it loads; the group's header and tabs are already
 * there above them. Screen readers hear the label once ("Loading epics…"); the shapes themselves are hidden.
 */
export function GroupSkeleton({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="status" aria-live="polite" className="animate-pulse motion-reduce:animate-none" data-testid="group-skeleton">
      <span className="sr-only">{label}</span>
      <div aria-hidden="true">{children}</div>
    </div>
  );
}

const Bar = ({ className }: { className: string }) => <div className={`rounded bg-gray-200 ${className}`} />;

/** State tabs on the left (`tabs` of them) and a filter box on the right, as above most lists; without tabs, the box alone. */
export function ToolbarSkeleton({ tabs = 0, search = true }: { tabs?: number; search?: boolean }) {
  if (tabs === 0) return <div className="mb-4">{search ? <Bar className="h-8 w-64 rounded-md" /> : null}</div>;
  return (
    <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
      <div className="flex gap-1">
        {Array.from({ length: tabs }, (_, i) => (
          <Bar key={i} className="h-8 w-16 rounded-md" />
        ))}
      </div>
      {search ? <Bar className="h-8 w-64 rounded-md" /> : null}
    </div>
  );
}

/** A bordered list like the labels, epics or iterations lists; `lines` per row: a title, then a line of details. */
export function ListSkeleton({ rows = 6, lines = 1, chip = false }: { rows?: number; lines?: 1 | 2; chip?: boolean }) {
  return (
    <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
      {Array.from({ length: rows }, (_, i) => (
        <li key={i} className="flex items-center justify-between gap-4 px-4 py-3">
          <div className="flex min-w-0 flex-1 items-center gap-4">
            {chip ? <Bar className="h-5 w-24 shrink-0 rounded-full" /> : null}
            <div className="min-w-0 flex-1 space-y-2">
              <Bar className={`h-4 ${i % 3 === 0 ? "w-2/5" : i % 3 === 1 ? "w-1/2" : "w-1/3"}`} />
              {lines === 2 ? <Bar className="h-3 w-1/4" /> : null}
            </div>
          </div>
          {lines === 2 ? <Bar className="h-3 w-20 shrink-0" /> : null}
        </li>
      ))}
    </ul>
  );
}

/** A table like the members table: a header row, then `rows` rows of `columns` cells. */
export function TableSkeleton({ rows = 5, columns = 4 }: { rows?: number; columns?: number }) {
  return (
    <div className="overflow-hidden rounded-lg border border-gray-200 bg-white">
      <div className="flex gap-6 bg-gray-50 px-4 py-2.5">
        {Array.from({ length: columns }, (_, c) => (
          <Bar key={c} className="h-3 flex-1 bg-gray-200/80" />
        ))}
      </div>
      <div className="divide-y divide-gray-100">
        {Array.from({ length: rows }, (_, r) => (
          <div key={r} className="flex gap-6 px-4 py-3">
            {Array.from({ length: columns }, (_, c) => (
              <Bar key={c} className={`h-4 flex-1 ${c === 0 ? "" : "max-w-32"}`} />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

/** A board: its switcher, then lists side by side, each with a few cards. */
export function BoardSkeleton({ columns = 4 }: { columns?: number }) {
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-3">
        <Bar className="h-9 w-48 rounded-md" />
        <Bar className="h-4 w-40" />
      </div>
      <div className="flex gap-3 overflow-hidden pb-2">
        {Array.from({ length: columns }, (_, c) => (
          <div key={c} className="flex w-64 shrink-0 flex-col rounded-lg border border-gray-200 bg-gray-50">
            <div className="flex items-center justify-between border-b border-gray-200 px-3 py-2.5">
              <Bar className="h-4 w-24" />
              <Bar className="h-4 w-8 rounded-full" />
            </div>
            <div className="space-y-2 p-2">
              {Array.from({ length: 3 - (c % 2) }, (_, i) => (
                <div key={i} className="space-y-2 rounded-md border border-gray-200 bg-white p-3">
                  <Bar className="h-4 w-4/5" />
                  <Bar className="h-3 w-1/3" />
                </div>
              ))}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}

/** One item's page (an epic, an iteration): breadcrumb, state, title and text, details on the side. */
export function DetailSkeleton() {
  return (
    <div>
      <Bar className="mb-3 h-4 w-40" />
      <Bar className="mb-3 h-5 w-32 rounded-full" />
      <Bar className="mb-6 h-7 w-2/3" />
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_16rem]">
        <div className="space-y-3">
          <Bar className="h-4 w-full" />
          <Bar className="h-4 w-11/12" />
          <Bar className="h-4 w-4/5" />
          <Bar className="h-4 w-3/5" />
        </div>
        <div className="space-y-4 rounded-lg border border-gray-200 bg-white p-4">
          {Array.from({ length: 4 }, (_, i) => (
            <div key={i} className="space-y-2">
              <Bar className="h-3 w-16" />
              <Bar className="h-4 w-32" />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

/** A section heading ("Subgroups (3)"). */
export function HeadingSkeleton() {
  return <Bar className="mb-3 h-6 w-36" />;
}

/** A line of explanation above a list. */
export function TextSkeleton() {
  return <Bar className="mb-4 h-4 w-2/3" />;
}
