import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Pagination } from "@/components/ui/pagination";
import type { DiffFile } from "@/lib/repositories";
import { diffAnchor, diffCounts, DiffFileBox } from "./diff-file";

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** Files drawn a page at a time: the list names every file, and links each to the page that draws it. */
export interface DiffPaging {
  page: number;
  perPage: number;
  hrefFor: (page: number) => string;
}

/**
 * A diff as a commit's page and a merge request's Changes tab show it: "Showing N changed files with + and −", a
 * warning when not every file is listed, the list of changed files (folded past 20), then each file, or with `paging`
 * the files of one page and the pages' links. A file not in `expand` gets the link that reads it alone (`expandHref`).
 */
export function DiffFiles({
  files,
  total,
  stats,
  headingLevel,
  headingNote,
  overflow,
  listTitle,
  fullPath,
  commit,
  expand,
  expandHref,
  collapsedText,
  expandLabel,
  className,
  paging,
}: {
  files: DiffFile[];
  /** Changed files in all, listed or not. */
  total: number;
  stats: { additions: number; deletions: number } | null;
  headingLevel: "h2" | "h3";
  /** After the heading's counts: where the diff came from. */
  headingNote?: ReactNode;
  /** The warning's text when some files are not listed; null when all are. */
  overflow: string | null;
  listTitle: string;
  fullPath: string;
  commit: string;
  expand: string[];
  expandHref: (path: string, index: number) => string;
  collapsedText?: string;
  expandLabel?: string;
  className?: string;
  paging?: DiffPaging;
}) {
  const Heading = headingLevel;
  const from = paging ? (paging.page - 1) * paging.perPage : 0;
  const shown = paging ? files.slice(from, from + paging.perPage) : files;
  const anchorHref = (index: number) => (paging && (index < from || index >= from + paging.perPage) ? `${paging.hrefFor(Math.floor(index / paging.perPage) + 1)}#${diffAnchor(index)}` : `#${diffAnchor(index)}`);
  return (
    <section aria-labelledby="changes-title" className={className}>
      <Heading id="changes-title" className="mb-3 text-sm text-gray-700">
        {`Showing ${plural(total, "changed file", "changed files")}`}
        {stats ? (
          <>
            {" with "}
            <span className="font-semibold text-green-700">{plural(stats.additions, "addition", "additions")}</span>
            {" and "}
            <span className="font-semibold text-red-700">{plural(stats.deletions, "deletion", "deletions")}</span>
          </>
        ) : null}
        {headingNote}
      </Heading>
      {overflow ? (
        <div className="mb-3">
          <Alert tone="warning" title="Too many changes to show.">
            {overflow}
          </Alert>
        </div>
      ) : null}
      {files.length > 1 ? (
        <details className="mb-4 rounded-lg border border-gray-200 bg-white" open={files.length <= 20}>
          <summary className="cursor-pointer px-4 py-2 text-sm font-medium text-gray-900">{listTitle}</summary>
          <ul className="border-t border-gray-100 px-4 py-2 text-xs">
            {files.map((file, index) => {
              const counts = diffCounts(file);
              return (
                <li key={index} className="flex items-center justify-between gap-3 py-0.5">
                  <a href={anchorHref(index)} className="truncate font-mono">
                    {file.renamed_file ? `${file.old_path} → ${file.new_path}` : file.deleted_file ? file.old_path : file.new_path}
                  </a>
                  {counts ? (
                    <span className="shrink-0 font-mono">
                      <span className="text-green-700">{`+${counts.additions}`}</span> <span className="text-red-700">{`-${counts.deletions}`}</span>
                    </span>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </details>
      ) : null}
      <div className="space-y-4">
        {shown.map((file, offset) => (
          <DiffFileBox
            key={from + offset}
            file={file}
            index={from + offset}
            fullPath={fullPath}
            commit={commit}
            expandHref={expand.includes(file.new_path) ? null : expandHref(file.new_path, from + offset)}
            collapsedText={collapsedText}
            expandLabel={expandLabel}
          />
        ))}
      </div>
      {paging ? <Pagination page={paging.page} totalPages={Math.ceil(files.length / paging.perPage)} hrefFor={(page) => `${paging.hrefFor(page)}#changes-title`} label="Changes pages" /> : null}
    </section>
  );
}
