/** One line of a file's diff as a page draws it, with the line numbers it has on each side. */
export interface DiffLine {
  /** `hunk`: an "@@ -1,2 +1,3 @@" header; `note`: git's "\ No newline at end of file". */
  type: "hunk" | "context" | "added" | "removed" | "note";
  oldLine: number | null;
  newLine: number | null;
  /** The line without its +, - or space. */
  text: string;
}

export interface DiffLines {
  lines: DiffLine[];
  additions: number;
  deletions: number;
}

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/** The lines of a DiffFile's `diff` (its hunks), numbered; counts of added and removed lines. */
export function diffLines(diff: string): DiffLines {
  const lines: DiffLine[] = [];
  let additions = 0;
  let deletions = 0;
  let oldLine = 0;
  let newLine = 0;
  let inHunk = false;
  const source = diff.endsWith("\n") ? diff.slice(0, -1) : diff;
  if (source === "") return { lines, additions, deletions };
  for (const line of source.split("\n")) {
    const hunk = HUNK.exec(line);
    if (hunk) {
      oldLine = Number(hunk[1]);
      newLine = Number(hunk[2]);
      inHunk = true;
      lines.push({ type: "hunk", oldLine: null, newLine: null, text: line });
      continue;
    }
    if (!inHunk) continue;
    const mark = line[0];
    const text = line.slice(1);
    if (mark === "+") {
      additions++;
      lines.push({ type: "added", oldLine: null, newLine: newLine++, text });
    } else if (mark === "-") {
      deletions++;
      lines.push({ type: "removed", oldLine: oldLine++, newLine: null, text });
    } else if (mark === "\\") {
      lines.push({ type: "note", oldLine: null, newLine: null, text: line.slice(2) });
    } else {
      lines.push({ type: "context", oldLine: oldLine++, newLine: newLine++, text });
    }
  }
  return { lines, additions, deletions };
}

/**
 * The counts of `diffLines` without its lines: a page lists every changed file with its +/- (300 files of 40 KB on a
 * merge request's Changes tab), and draws only a page of them, so only that page's lines are worth making.
 */
export function diffLineCounts(diff: string): { additions: number; deletions: number } {
  let additions = 0;
  let deletions = 0;
  let inHunk = false;
  for (let start = 0; start < diff.length; ) {
    const newline = diff.indexOf("\n", start);
    const end = newline === -1 ? diff.length : newline;
    const mark = diff[start];
    // Inside a hunk a line starts with a space, a plus, a minus or a backslash: only a hunk header starts with @.
    if (mark === "@" && HUNK.test(diff.slice(start, end))) inHunk = true;
    else if (inHunk && mark === "+") additions++;
    else if (inHunk && mark === "-") deletions++;
    start = end + 1;
  }
  return { additions, deletions };
}
