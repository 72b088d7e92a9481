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

/** A page's number from `?page=`: 1 unless a positive number is given. */
export const pageOf = (value: string | undefined) => Math.max(1, Number(value) || 1);
