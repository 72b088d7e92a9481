export interface BoardLabelItem {
  title: string;
  color: string;
  textColor: string;
}

export interface BoardColumnItem {
  key: string;
  kind: "backlog" | "label" | "closed" | "assignee" | "milestone" | "iteration";
  title: string;
  /** For label lists: the label, shown as GitLab shows it, a chip in its colour. */
  label?: BoardLabelItem;
  /** What kind of list it is, for lists named after a milestone, iteration or person. */
  caption?: string;
  maxIssueCount: number;
  maxIssueWeight: number;
}

export function LabelChip({ label }: { label: BoardLabelItem }) {
  return (
    <span className="inline-flex max-w-full items-center truncate rounded-full px-2.5 py-0.5 text-xs font-medium" style={{ backgroundColor: label.color, color: label.textColor }}>
      {label.title}
    </span>
  );
}

/**
 * One list of a board: its header (name, issue count, work-in-progress limits) and its cards. Ferry does not import
 * issues yet, so every list is empty and says so.
 */
export function BoardColumn({ column }: { column: BoardColumnItem }) {
  const limits = [column.maxIssueCount > 0 ? `limit ${column.maxIssueCount} issues` : null, column.maxIssueWeight > 0 ? `limit weight ${column.maxIssueWeight}` : null].filter(Boolean);
  return (
    <section aria-label={`${column.title} list`} data-testid="board-list" data-list-type={column.kind} className="flex w-64 shrink-0 flex-col rounded-lg border border-gray-200 bg-gray-50">
      <header className={`flex items-center justify-between gap-2 border-b border-gray-200 px-3 py-2 ${column.kind === "label" ? "border-t-4" : ""}`} style={column.label ? { borderTopColor: column.label.color } : undefined}>
        <div className="min-w-0">
          {column.caption ? <p className="text-[11px] font-medium uppercase tracking-wide text-gray-500">{column.caption}</p> : null}
          <h3 className="truncate text-sm font-semibold text-gray-900" data-testid="board-list-name">
            {column.label ? <LabelChip label={column.label} /> : column.title}
          </h3>
        </div>
        <span className="shrink-0 rounded-full bg-white px-2 py-0.5 text-xs font-medium text-gray-600 ring-1 ring-inset ring-gray-200" aria-label={`0 issues${column.maxIssueCount > 0 ? ` of ${column.maxIssueCount}` : ""}`}>
          0{column.maxIssueCount > 0 ? `/${column.maxIssueCount}` : ""}
        </span>
      </header>
      {limits.length > 0 ? <p className="px-3 pt-2 text-xs text-gray-500">Work in progress: {limits.join(", ")}</p> : null}
      <div className="flex min-h-32 flex-1 items-center justify-center p-3">
        <p className="text-center text-xs text-gray-500">No issues in this list</p>
      </div>
    </section>
  );
}
