// The page size the user picked, remembered in a cookie so the server renders the page with it (no flash of 20 rows).
export const PER_PAGE_COOKIE = "ferry_import_groups_per_page";
export const PER_PAGE_OPTIONS = [20, 50, 100] as const;

export function rememberPerPage(perPage: number): void {
  document.cookie = `${PER_PAGE_COOKIE}=${perPage}; path=/import; max-age=${60 * 60 * 24 * 365}; samesite=lax`;
}
