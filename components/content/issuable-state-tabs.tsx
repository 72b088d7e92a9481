/**
 * Open / Closed / All (and Merged, for merge requests) with their counts, above an issuable list. Plain links, not
 * next/link: each is a new server render of the same page with another query, and the client router does not refetch
 * a project page (rewritten from `/<full path>/-/…`) for a query alone.
 */
export function IssuableStateTabs<S extends string>({ label, states, current, counts, hrefFor }: { label: string; states: [S, string][]; current: S; counts: Record<S, number>; hrefFor: (state: S) => string }) {
  return (
    <nav aria-label={label} className="flex flex-wrap gap-1 text-sm">
      {states.map(([value, text]) => (
        <a
          key={value}
          href={hrefFor(value)}
          aria-current={current === value ? "page" : undefined}
          className={`inline-flex items-center gap-1.5 rounded-md px-3 py-1.5 ${current === value ? "bg-gray-200 font-medium text-gray-900" : "text-gray-600 hover:bg-gray-100"}`}
        >
          {text}
          <span className="rounded-full bg-white/70 px-1.5 text-xs text-gray-600">{counts[value]}</span>
        </a>
      ))}
    </nav>
  );
}
