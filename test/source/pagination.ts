import type { RequestContext } from "./context";

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;

export interface PageParams {
  page: number;
  perPage: number;
}

/** GitLab's `page` / `per_page`: integers; per_page above 100 is clamped, below 1 falls back to the default. */
export function pageParams(query: URLSearchParams): PageParams | { error: string } {
  const page = integerParam(query, "page");
  const perPage = integerParam(query, "per_page");
  if (page === null) return { error: "page is invalid" };
  if (perPage === null) return { error: "per_page is invalid" };
  return {
    page: page === undefined || page < 1 ? 1 : page,
    perPage: perPage === undefined || perPage < 1 ? DEFAULT_PER_PAGE : Math.min(perPage, MAX_PER_PAGE),
  };
}

function integerParam(query: URLSearchParams, name: string): number | undefined | null {
  const raw = query.get(name);
  if (raw === null || raw === "") return undefined;
  return /^-?\d+$/.test(raw) ? Number(raw) : null;
}

/** Index range of the requested page. */
export function pageRange({ page, perPage }: PageParams): { start: number; end: number } {
  return { start: (page - 1) * perPage, end: page * perPage };
}

/**
 * GitLab's offset-pagination headers (Gitlab::Pagination::OffsetHeaderBuilder): x-page, x-per-page, x-total,
 * x-total-pages, x-next-page and x-prev-page (empty when there is none), and a Link header whose URLs repeat the
 * request's own query with another page.
 */
export function paginationHeaders(ctx: RequestContext, { page, perPage }: PageParams, total: number): Record<string, string> {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  const next = page < totalPages ? page + 1 : null;
  // Kaminari gives no previous page past the last one (out_of_range?).
  const prev = page > 1 && page <= totalPages ? page - 1 : null;
  const link = (target: number, rel: string) => {
    const url = new URL(ctx.url.pathname, ctx.baseUrl);
    for (const [key, value] of ctx.query) if (key !== "page" && key !== "per_page") url.searchParams.append(key, value);
    url.searchParams.set("page", String(target));
    url.searchParams.set("per_page", String(perPage));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links = [
    ...(prev ? [link(prev, "prev")] : []),
    ...(next ? [link(next, "next")] : []),
    link(1, "first"),
    link(totalPages, "last"),
  ];
  return {
    "x-page": String(page),
    "x-per-page": String(perPage),
    "x-total": String(total),
    "x-total-pages": String(totalPages),
    "x-next-page": next ? String(next) : "",
    "x-prev-page": prev ? String(prev) : "",
    link: links.join(", "),
  };
}
