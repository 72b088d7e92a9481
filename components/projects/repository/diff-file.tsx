import Link from "next/link";
import { escapeHtml } from "@/lib/highlight";
import { diffLineCounts, diffLines, type DiffFile, type DiffLine } from "@/lib/repositories";
import { blobUrl } from "../project-urls";

/** Files whose diff has more lines than this start folded (still in the page: one click shows them). */
const FOLDED_LINES = 500;

const ROW: Record<DiffLine["type"], string> = {
  hunk: "bg-blue-50 text-gray-500",
  context: "",
  added: "bg-green-50",
  removed: "bg-red-50",
  note: "text-gray-500 italic",
};
const NUMBER: Record<DiffLine["type"], string> = {
  hunk: "bg-blue-50",
  context: "bg-gray-50",
  added: "bg-green-100/70",
  removed: "bg-red-100/70",
  note: "bg-gray-50",
};
const MARK: Record<DiffLine["type"], string> = { hunk: "", context: " ", added: "+", removed: "-", note: "" };

const NUMBER_CELL = "w-px border-r border-gray-200 px-2 text-right text-gray-400 select-none";

/**
 * The rows of a file's diff as one HTML string, every piece of the file's text escaped: a diff of thousands of lines
 * would otherwise be tens of thousands of React elements to render.
 */
function diffRows(lines: DiffLine[]): string {
  return lines
    .map((line) => {
      if (line.type === "hunk") return `<tr class="${ROW.hunk}"><td colspan="3" class="px-4 py-0.5">${escapeHtml(line.text)}</td></tr>`;
      const said = line.type === "added" || line.type === "removed" ? `<span class="sr-only">${line.type}: </span>` : "";
      return (
        `<tr class="${ROW[line.type]}">` +
        `<td class="${NUMBER_CELL} ${NUMBER[line.type]}">${line.oldLine ?? ""}</td>` +
        `<td class="${NUMBER_CELL} ${NUMBER[line.type]}">${line.newLine ?? ""}</td>` +
        `<td class="px-3 whitespace-pre text-gray-800"><span class="select-none text-gray-400" aria-hidden="true">${MARK[line.type]}</span>${said}${escapeHtml(line.text)}</td></tr>`
      );
    })
    .join("");
}

/** Some lines of a diff as its file box draws them (a diff thread's excerpt, say). */
export function DiffLinesTable({ lines, caption }: { lines: DiffLine[]; caption: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse font-mono text-xs leading-5">
        <caption className="sr-only">{caption}</caption>
        <tbody dangerouslySetInnerHTML={{ __html: diffRows(lines) }} />
      </table>
    </div>
  );
}

/** What changed about a file besides its lines: added, deleted, renamed, its mode. */
function changeBadges(file: DiffFile) {
  const badges: string[] = [];
  if (file.new_file) badges.push("added");
  if (file.deleted_file) badges.push("deleted");
  if (file.renamed_file) badges.push("renamed");
  if (!file.new_file && !file.deleted_file && file.a_mode !== file.b_mode) badges.push(`mode ${file.a_mode} → ${file.b_mode}`);
  return badges;
}

export const diffAnchor = (index: number) => `diff-${index}`;

/** The counts of a file's diff for the file list: null when its diff was not read (collapsed, too large, binary). */
export function diffCounts(file: DiffFile): { additions: number; deletions: number } | null {
  if (file.collapsed || file.too_large || file.binary) return null;
  return diffLineCounts(file.diff);
}

/**
 * One file of a commit's diff, GitLab-style: a foldable box (`<details>`) headed by its path (old → new for a rename),
 * what happened to it and its counts, then its lines numbered on both sides. A file the reader left out (collapsed
 * by the commit's budget, or too large alone) offers `expandHref`, which reloads the page with that file read alone;
 * null once it was, and it is too large even so.
 */
export function DiffFileBox({
  file,
  index,
  fullPath,
  commit,
  expandHref,
  collapsedText = "This diff is collapsed: the commit's other changes filled the page. ",
  expandLabel = "Expand",
}: {
  file: DiffFile;
  index: number;
  fullPath: string;
  commit: string;
  expandHref: string | null;
  /** What a collapsed file says before its Expand link. */
  collapsedText?: string;
  expandLabel?: string;
}) {
  // A file read alone because it was asked for (expandHref null) opens however long it is.
  const { lines, additions, deletions } = diffLines(file.diff);
  const path = file.deleted_file ? file.old_path : file.new_path;
  const shown = !file.collapsed && !file.too_large && !file.binary;
  return (
    <details id={diffAnchor(index)} open={expandHref === null || lines.length <= FOLDED_LINES} className="group scroll-mt-4 overflow-hidden rounded-lg border border-gray-200 bg-white">
      <summary className="flex cursor-pointer list-none flex-wrap items-center gap-2 border-b border-gray-200 bg-gray-50 px-4 py-2 text-sm [&::-webkit-details-marker]:hidden">
        <svg viewBox="0 0 16 16" className="h-4 w-4 shrink-0 text-gray-500 transition-transform group-open:rotate-90" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
          <path d="m6 4 4 4-4 4" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <span className="min-w-0 font-mono text-xs break-all text-gray-900">
          {file.renamed_file ? (
            <>
              {file.old_path} <span className="text-gray-500">→</span> {file.new_path}
            </>
          ) : (
            path
          )}
        </span>
        {changeBadges(file).map((badge) => (
          <span key={badge} className="rounded bg-gray-200 px-1.5 text-xs text-gray-700">
            {badge}
          </span>
        ))}
        {shown ? (
          <span className="font-mono text-xs">
            <span className="text-green-700">{`+${additions}`}</span> <span className="text-red-700">{`-${deletions}`}</span>
          </span>
        ) : null}
        {!file.deleted_file ? (
          <Link href={blobUrl(fullPath, commit, file.new_path)} className="ml-auto text-xs">
            View file @ {commit.slice(0, 8)}
          </Link>
        ) : null}
      </summary>
      {file.binary ? (
        <p className="px-4 py-3 text-sm text-gray-600">Binary file: its changes are not shown.</p>
      ) : (file.collapsed || file.too_large) && expandHref === null ? (
        <p className="px-4 py-3 text-sm text-gray-600">This diff is too large to show. View the file, or compare it with git.</p>
      ) : file.collapsed || file.too_large ? (
        <div className="px-4 py-3 text-sm text-gray-600">
          {file.too_large ? "This diff is too large to show with the others. " : collapsedText}
          <Link href={expandHref!} scroll={false} className="font-medium">
            {expandLabel}
          </Link>
        </div>
      ) : lines.length === 0 ? (
        <p className="px-4 py-3 text-sm text-gray-600">{file.new_file || file.deleted_file ? "Empty file." : "No changes to its content."}</p>
      ) : (
        <DiffLinesTable lines={lines} caption={`Changes to ${path}`} />
      )}
    </details>
  );
}
