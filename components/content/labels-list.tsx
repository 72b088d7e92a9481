import { EmptyState } from "@/components/ui/empty-state";

export interface LabelItem {
  id: number;
  title: string;
  color: string;
  textColor: string;
  description: string | null;
  /** Where a label listed with another owner's comes from: an ancestor group's full path. */
  groupPath?: string;
}

export function LabelsList({ labels, empty }: { labels: LabelItem[]; empty: string }) {
  if (labels.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white" aria-label="Labels">
      {labels.map((label) => (
        <li key={label.id} className="flex items-center gap-4 px-4 py-3">
          <span className="inline-flex min-w-24 justify-center rounded-full px-2.5 py-0.5 text-xs font-medium" style={{ backgroundColor: label.color, color: label.textColor }}>
            {label.title}
          </span>
          <span className="min-w-0 flex-1 text-sm text-gray-600">{label.description || <span className="text-gray-400">No description</span>}</span>
          {label.groupPath ? <span className="shrink-0 text-xs text-gray-500">Group label · {label.groupPath}</span> : null}
        </li>
      ))}
    </ul>
  );
}
