import { diffLines, type DiffLine } from "@/lib/repositories";

/** How many lines a diff thread shows above the line it is on, as GitLab's truncated diff lines (its own line included). */
const EXCERPT_LINES = 4;

/** The part of a GitLab position a diff thread is drawn from. */
export interface DiffPosition {
  oldLine: number | null;
  newLine: number | null;
}

/** A note's position hash read for its lines (GitLab's `new_line` / `old_line`), or null when it has neither. */
export function positionOf(position: Record<string, unknown> | null): DiffPosition | null {
  if (!position) return null;
  const line = (value: unknown) => (typeof value === "number" && Number.isSafeInteger(value) ? value : null);
  const result = { oldLine: line(position.old_line), newLine: line(position.new_line) };
  return result.oldLine === null && result.newLine === null ? null : result;
}

/**
 * The lines of `diff` a diff thread shows: the commented line and the few before it in its hunk, as GitLab draws a
 * thread's diff on the Overview. An added or context line is found by its new number, a removed one by its old.
 * Empty when the diff no longer has that line.
 */
export function diffExcerpt(diff: string, position: DiffPosition): DiffLine[] {
  const { lines } = diffLines(diff);
  const at = lines.findIndex((line) => (position.newLine !== null ? line.newLine === position.newLine && line.type !== "removed" : line.oldLine === position.oldLine && line.type !== "added"));
  if (at < 0) return [];
  let start = at;
  while (start > 0 && at - start < EXCERPT_LINES - 1 && lines[start - 1]!.type !== "hunk") start--;
  return lines.slice(start, at + 1);
}
