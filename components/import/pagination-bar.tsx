"use client";

import { PER_PAGE_OPTIONS } from "./per-page";

const pageButton = "min-w-9 rounded-md px-3 py-1.5 text-center text-sm ring-1 ring-inset ring-gray-300 disabled:cursor-not-allowed disabled:text-gray-400";

/** Page buttons and the page size (GitLab's PaginationBar: 20, 50 or 100 per page). */
export function PaginationBar({
  page,
  totalPages,
  hasNextPage,
  perPage,
  onPage,
  onPerPage,
}: {
  page: number;
  /** Null when the source did not say how many there are. */
  totalPages: number | null;
  hasNextPage: boolean;
  perPage: number;
  onPage: (page: number) => void;
  onPerPage: (perPage: number) => void;
}) {
  const pages =
    totalPages === null ? [page] : Array.from({ length: totalPages }, (_, i) => i + 1).filter((p) => p === 1 || p === totalPages || Math.abs(p - page) <= 2);
  return (
    <div className="mt-4 flex flex-wrap items-center justify-between gap-3">
      <nav aria-label="Pagination" className="flex items-center gap-1">
        <button type="button" className={`${pageButton} bg-white text-gray-700 hover:bg-gray-50`} disabled={page <= 1} onClick={() => onPage(page - 1)}>
          Prev
        </button>
        {pages.map((p, i) => (
          <span key={p} className="flex items-center gap-1">
            {i > 0 && p - pages[i - 1]! > 1 ? <span className="px-1 text-gray-400">…</span> : null}
            <button
              type="button"
              aria-label={`Page ${p}`}
              aria-current={p === page ? "page" : undefined}
              className={`${pageButton} ${p === page ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-gray-700 hover:bg-gray-50"}`}
              onClick={() => onPage(p)}
            >
              {p}
            </button>
          </span>
        ))}
        <button type="button" className={`${pageButton} bg-white text-gray-700 hover:bg-gray-50`} disabled={!hasNextPage} onClick={() => onPage(page + 1)}>
          Next
        </button>
      </nav>
      <label className="flex items-center gap-2 text-sm text-gray-700">
        Groups per page
        <select
          value={perPage}
          onChange={(e) => onPerPage(Number(e.target.value))}
          className="rounded-md border-0 py-1.5 pr-8 pl-2.5 text-sm shadow-xs ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-brand-600"
        >
          {PER_PAGE_OPTIONS.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
