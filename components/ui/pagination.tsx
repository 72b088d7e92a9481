/**
 * Prev / page numbers / next, as links that keep the other query parameters. Plain links: the same page with another
 * query, which the client router does not refetch for a project page rewritten from `/<full path>/-/…`.
 */
export function Pagination({ page, totalPages, hrefFor, label = "Pagination" }: { page: number; totalPages: number; hrefFor: (page: number) => string; label?: string }) {
  if (totalPages <= 1) return null;
  const pages = Array.from({ length: totalPages }, (_, i) => i + 1).filter((p) => p === 1 || p === totalPages || Math.abs(p - page) <= 2);
  const item = "min-w-9 rounded-md px-3 py-1.5 text-center text-sm ring-1 ring-inset ring-gray-300";
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-center gap-1">
      {page > 1 ? (
        <a href={hrefFor(page - 1)} className={`${item} bg-white text-gray-700 hover:bg-gray-50`}>
          Prev
        </a>
      ) : (
        <span className={`${item} text-gray-400`} aria-disabled="true">
          Prev
        </span>
      )}
      {pages.map((p, i) => (
        <span key={p} className="flex items-center gap-1">
          {i > 0 && p - pages[i - 1]! > 1 ? <span className="px-1 text-gray-400">…</span> : null}
          <a href={hrefFor(p)} aria-current={p === page ? "page" : undefined} className={`${item} ${p === page ? "bg-brand-600 text-white ring-brand-600 hover:text-white" : "bg-white text-gray-700 hover:bg-gray-50"}`}>
            {p}
          </a>
        </span>
      ))}
      {page < totalPages ? (
        <a href={hrefFor(page + 1)} className={`${item} bg-white text-gray-700 hover:bg-gray-50`}>
          Next
        </a>
      ) : (
        <span className={`${item} text-gray-400`} aria-disabled="true">
          Next
        </span>
      )}
    </nav>
  );
}
