/**
 * A LIKE/ILIKE pattern matching `text` anywhere: its `%`, `_` and backslashes escaped (PostgreSQL's default escape
 * character), so that a search for "100%" finds that and not everything.
 */
export function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
