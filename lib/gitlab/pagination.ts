export type ResponseHeaders = Readonly<Record<string, string>>;

/** GitLab's offset-pagination headers. Each is null when absent or empty (x-total is omitted past 10,000 rows). */
export interface Pagination {
  total: number | null;
  totalPages: number | null;
  page: number | null;
  perPage: number | null;
  nextPage: number | null;
  prevPage: number | null;
  /** Query of the `Link: <...>; rel="next"` URL, which keyset pagination uses instead of x-next-page. */
  nextLinkQuery: URLSearchParams | null;
}

function positiveInt(value: string | undefined): number | null {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return null;
  return Number(value);
}

function nextLink(link: string | undefined): URLSearchParams | null {
  if (!link) return null;
  for (const part of link.split(",")) {
    const match = /<([^>]*)>\s*;(.*)/.exec(part.trim());
    if (match?.[1] && /\brel="?next"?/.test(match[2] ?? "")) {
      try {
        return new URL(match[1]).searchParams;
      } catch {
        return null;
      }
    }
  }
  return null;
}

export function parsePagination(headers: ResponseHeaders): Pagination {
  return {
    total: positiveInt(headers["x-total"]),
    totalPages: positiveInt(headers["x-total-pages"]),
    page: positiveInt(headers["x-page"]),
    perPage: positiveInt(headers["x-per-page"]),
    nextPage: positiveInt(headers["x-next-page"]),
    prevPage: positiveInt(headers["x-prev-page"]),
    nextLinkQuery: nextLink(headers.link),
  };
}
