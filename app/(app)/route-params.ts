/** What every namespace route (group and project pages) reads off its URL. */

/**
 * The full path in a route's catch-all segments; undefined for one no group or project can have (an empty segment, or
 * GitLab's `-` separator in it).
 */
export function fullPathOf(segments: string[]): string | undefined {
  let parts: string[];
  try {
    parts = segments.map(decodeURIComponent);
  } catch {
    return undefined;
  }
  return parts.length > 0 && parts.every((part) => part !== "" && part !== "-") ? parts.join("/") : undefined;
}

/**
 * A page's number from `?page=`: 1 unless a positive whole number is given, and at most 100,000 (an offset past
 * PostgreSQL's range would fail the page instead of showing it empty).
 */
export const pageOf = (value: string | undefined) => {
  const page = Number(value);
  return Number.isSafeInteger(page) && page >= 1 ? Math.min(page, 100_000) : 1;
};
