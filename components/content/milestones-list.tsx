import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";

export interface MilestoneItem {
  id: number;
  iid: number;
  title: string;
  description: string | null;
  state: string;
  startDate: string | null;
  dueDate: string | null;
  /** The milestone's page, where it has one (a project's). */
  href?: string;
}

export function milestoneDates(m: Pick<MilestoneItem, "startDate" | "dueDate">): string {
  if (m.startDate && m.dueDate) return `${m.startDate} – ${m.dueDate}`;
  if (m.dueDate) return `Due ${m.dueDate}`;
  if (m.startDate) return `Started ${m.startDate}`;
  return "No dates";
}

export function MilestonesList({ milestones, empty }: { milestones: MilestoneItem[]; empty: string }) {
  if (milestones.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white" aria-label="Milestones">
      {milestones.map((m) => (
        <li key={m.id} className="flex items-start justify-between gap-4 px-4 py-3">
          <div className="min-w-0">
            <p className="font-medium text-gray-900">
              {m.href ? (
                <a href={m.href} className="hover:text-brand-600 hover:underline">
                  {m.title}
                </a>
              ) : (
                m.title
              )}{" "}
              <span className="text-sm font-normal text-gray-500">%{m.iid}</span>
            </p>
            {m.description ? <p className="mt-0.5 truncate text-sm text-gray-600">{m.description}</p> : null}
            <p className="mt-0.5 text-xs text-gray-500">{milestoneDates(m)}</p>
          </div>
          <Badge tone={m.state === "active" ? "success" : "neutral"}>{m.state === "active" ? "Open" : "Closed"}</Badge>
        </li>
      ))}
    </ul>
  );
}
