import { Badge } from "@/components/ui/badge";
import type { ActionState } from "@/lib/forms";
import { ReassignForm } from "./reassign-form";
import type { PickedUser } from "./user-picker";

export interface PlaceholderItem {
  mappingId: number;
  sourceUrl: string;
  sourceUsername: string;
  sourceName: string | null;
  sourcePublicEmail: string | null;
  status: "mapped" | "placeholder" | "reassigned";
  placeholder: { id: number; username: string; name: string } | null;
  user: { id: number; username: string; name: string };
  contributions: Record<string, number> | null;
}

const STATUS = {
  placeholder: { tone: "warning", label: "Awaiting reassignment" },
  reassigned: { tone: "success", label: "Reassigned" },
  mapped: { tone: "info", label: "Mapped by email" },
} as const;

// Labels are plural nouns ("Memberships"); one of them reads as the singular.
const unit = (label: string, n: number) => (n === 1 ? label.replace(/s$/, "") : label).toLowerCase();

/** GitLab's Placeholders tab: who each source user is, what they contributed, and where it points now. */
export function PlaceholdersTable({
  rows,
  labels,
  empty,
  reassign,
  search,
}: {
  rows: PlaceholderItem[];
  /** Names of the contribution kinds (memberships...), by key. */
  labels: Record<string, string>;
  empty: string;
  reassign: (prev: ActionState, form: FormData) => Promise<ActionState>;
  search: (query: string) => Promise<PickedUser[]>;
}) {
  if (rows.length === 0) return <p className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center text-sm text-gray-600">{empty}</p>;
  return (
    <table className="min-w-full divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white text-sm" aria-label="Placeholder users">
      <thead className="bg-gray-50 text-left text-xs font-medium uppercase tracking-wide text-gray-500">
        <tr>
          <th scope="col" className="px-4 py-2">Source user</th>
          <th scope="col" className="px-4 py-2">Source instance</th>
          <th scope="col" className="px-4 py-2">Contributions</th>
          <th scope="col" className="px-4 py-2">Status</th>
          <th scope="col" className="px-4 py-2">Reassigned to</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-gray-100">
        {rows.map((row) => {
          const total = row.contributions ? Object.values(row.contributions).reduce((a, b) => a + b, 0) : null;
          const label = `${row.sourceName ?? row.sourceUsername} (@${row.sourceUsername})`;
          return (
            <tr key={row.mappingId} aria-label={label} className="align-top">
              <td className="px-4 py-3">
                {row.sourceName ? <span className="font-medium text-gray-900">{row.sourceName} </span> : null}
                <span className={row.sourceName ? "text-gray-500" : "font-medium text-gray-900"}>@{row.sourceUsername}</span>
                {row.sourcePublicEmail ? <span className="block text-xs text-gray-500">{row.sourcePublicEmail}</span> : null}
                {row.placeholder ? <span className="block text-xs text-gray-500">Placeholder: @{row.placeholder.username}</span> : null}
              </td>
              <td className="px-4 py-3 text-gray-600">{row.sourceUrl}</td>
              <td className="px-4 py-3 text-gray-700">
                {total === null ? (
                  <span className="text-gray-400">—</span>
                ) : (
                  <span title={Object.entries(row.contributions!).map(([k, n]) => `${labels[k] ?? k}: ${n}`).join(", ") || "None"}>
                    {total}{" "}
                    <span className="text-xs text-gray-500">
                      ({Object.entries(row.contributions!).map(([k, n]) => `${n} ${unit(labels[k] ?? k, n)}`).join(", ") || "none"})
                    </span>
                  </span>
                )}
              </td>
              <td className="px-4 py-3">
                <Badge tone={STATUS[row.status].tone}>{STATUS[row.status].label}</Badge>
              </td>
              <td className="px-4 py-3">
                {row.status === "placeholder" && row.placeholder ? (
                  <ReassignForm placeholderId={row.placeholder.id} placeholderLabel={label} action={reassign} search={search} />
                ) : (
                  <span>
                    {row.user.name} <span className="text-gray-500">@{row.user.username}</span>
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
