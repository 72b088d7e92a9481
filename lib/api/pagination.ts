import { baseUrlOf } from "./base-url";
import { integerParam } from "./ids";
import { readAll } from "./param-error";

export interface PageParams {
  page: number;
  perPage: number;
}

// Past the last row a page is empty however far it is; this bound keeps OFFSET ((page - 1) * per_page) an exact
// number well inside PostgreSQL's bigint, so a huge `page` answers an empty page rather than an error.
const MAX_PAGE = Math.floor(Number.MAX_SAFE_INTEGER / 1000);

/**
 * GitLab's offset pagination: `page` from 1, `per_page` 20 by default and at most 100 (larger is clamped). Both are
 * Grape Integers: anything else is a 400; zero or negative falls back to the default, as Kaminari does.
 */
export function pageParams(search: URLSearchParams, defaults = { perPage: 20, maxPerPage: 100 }): PageParams {
  const [page, perPage] = readAll(
    () => integerParam(search.get("page"), "page"),
    () => integerParam(search.get("per_page"), "per_page"),
  );
  return {
    page: page !== undefined && page > 0 ? Math.min(page, MAX_PAGE) : 1,
    perPage: perPage !== undefined && perPage > 0 ? Math.min(perPage, defaults.maxPerPage) : defaults.perPage,
  };
}

/** x-total, x-total-pages, x-page, x-per-page, x-next-page, x-prev-page and a Link header, as GitLab sends them. */
export function paginationHeaders(request: Request, total: number, { page, perPage }: PageParams): Headers {
  // Links point where the client reached us (Host / X-Forwarded-*), not at the address the server is bound to.
  const requestUrl = new URL(new URL(request.url).pathname + new URL(request.url).search, baseUrlOf(request));
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  const headers = new Headers({
    "x-total": String(total),
    "x-total-pages": String(totalPages),
    "x-page": String(page),
    "x-per-page": String(perPage),
    "x-next-page": page < totalPages ? String(page + 1) : "",
    "x-prev-page": page > 1 && page <= totalPages + 1 ? String(page - 1) : "",
  });
  const link = (p: number, rel: string) => {
    const url = new URL(requestUrl);
    url.searchParams.set("page", String(p));
    url.searchParams.set("per_page", String(perPage));
    url.searchParams.delete("private_token");
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, "prev"));
  if (page < totalPages) links.push(link(page + 1, "next"));
  links.push(link(1, "first"), link(totalPages, "last"));
  headers.set("link", links.join(", "));
  return headers;
}

/** The request's address as the client reached it, without its private_token: where page links point. */
function linkBase(request: Request): URL {
  const url = new URL(request.url);
  const base = new URL(url.pathname + url.search, baseUrlOf(request));
  base.searchParams.delete("private_token");
  return base;
}

/**
 * GitLab's offset headers for a listing it does not count (`paginate(..., without_count: true)`: commits, a commit's
 * refs): x-page, x-per-page, x-next-page, x-prev-page and a Link with prev, next and first, but no x-total,
 * x-total-pages nor `last`.
 */
export function uncountedPaginationHeaders(request: Request, hasNext: boolean, { page, perPage }: PageParams): Headers {
  const link = (p: number, rel: string) => {
    const url = linkBase(request);
    url.searchParams.set("page", String(p));
    url.searchParams.set("per_page", String(perPage));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links = [...(page > 1 ? [link(page - 1, "prev")] : []), ...(hasNext ? [link(page + 1, "next")] : []), link(1, "first")];
  return new Headers({
    "x-page": String(page),
    "x-per-page": String(perPage),
    "x-next-page": hasNext ? String(page + 1) : "",
    "x-prev-page": page > 1 ? String(page - 1) : "",
    link: links.join(", "),
  });
}

/** GitLab's keyset pagination header (Keyset::HeaderBuilder): a Link to the next page, only when there is one. */
export function keysetPaginationHeaders(request: Request, next: Record<string, string> | null): Headers {
  const headers = new Headers();
  if (!next) return headers;
  const url = linkBase(request);
  for (const [key, value] of Object.entries(next)) url.searchParams.set(key, value);
  headers.set("link", `<${url.toString()}>; rel="next"`);
  return headers;
}
