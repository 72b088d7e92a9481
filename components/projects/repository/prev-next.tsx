import Link from "next/link";

/** Prev and Next for a list whose length is not counted (history): Next only when the reader saw one more. */
export function PrevNext({ page, hasMore, hrefFor, label }: { page: number; hasMore: boolean; hrefFor: (page: number) => string; label: string }) {
  if (page === 1 && !hasMore) return null;
  const item = "min-w-16 rounded-md px-3 py-1.5 text-center text-sm ring-1 ring-inset ring-gray-300";
  const link = `${item} bg-white text-gray-700 hover:bg-gray-50`;
  const off = `${item} text-gray-400`;
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-center gap-2">
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} className={link} rel="prev">
          Prev
        </Link>
      ) : (
        <span className={off} aria-disabled="true">
          Prev
        </span>
      )}
      <span className="px-2 text-sm text-gray-600">{`Page ${page}`}</span>
      {hasMore ? (
        <Link href={hrefFor(page + 1)} className={link} rel="next">
          Next
        </Link>
      ) : (
        <span className={off} aria-disabled="true">
          Next
        </span>
      )}
    </nav>
  );
}
