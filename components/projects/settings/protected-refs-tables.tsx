import { TableHeadRow } from "@/components/ui/table-head-row";

export interface ProtectedBranchRow {
  id: number;
  name: string;
  allowedToMerge: string[];
  allowedToPush: string[];
  allowForcePush: boolean;
  codeOwnerApprovalRequired: boolean;
}

export interface ProtectedTagRow {
  id: number;
  name: string;
  allowedToCreate: string[];
}

const CELL = "px-4 py-2 text-left align-top";
const levels = (names: string[]) => (names.length ? names.join(", ") : "No one");

function Empty({ what }: { what: string }) {
  return <p className="rounded-md border border-dashed border-gray-300 px-4 py-6 text-center text-sm text-gray-600">No {what} are protected.</p>;
}

/** Settings → Repository → Protected branches: GitLab's table, read only (rules come with an import, or from the group's default). */
export function ProtectedBranchesTable({ rows }: { rows: ProtectedBranchRow[] }) {
  if (rows.length === 0) return <Empty what="branches" />;
  return (
    <div className="overflow-x-auto rounded-md border border-gray-200">
      <table aria-label="Protected branches" className="min-w-full divide-y divide-gray-200 text-sm">
        <thead className="bg-gray-50 text-xs font-semibold uppercase tracking-wide text-gray-600">
          <TableHeadRow cellClassName={CELL} columns={[{ label: "Branch" }, { label: "Allowed to merge" }, { label: "Allowed to push and merge" }, { label: "Allowed to force push" }, { label: "Code owner approval" }]} />
        </thead>
        <tbody className="divide-y divide-gray-100">
          {rows.map((row) => (
            <tr key={row.id}>
              <td className={CELL}>
                <span className="font-mono text-gray-900">{row.name}</span>
                {row.name.includes("*") ? <span className="ml-2 text-xs text-gray-500">wildcard</span> : null}
              </td>
              <td className={CELL}>{levels(row.allowedToMerge)}</td>
              <td className={CELL}>{levels(row.allowedToPush)}</td>
              <td className={CELL}>{row.allowForcePush ? "Yes" : "No"}</td>
              <td className={CELL}>{row.codeOwnerApprovalRequired ? "Required" : "Not required"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Settings → Repository → Protected tags: GitLab's table, read only. */
export function ProtectedTagsTable({ rows }: { rows: ProtectedTagRow[] }) {
  if (rows.length === 0) return <Empty what="tags" />;
  return (
    <div className="overflow-x-auto rounded-md border border-gray-200">
      <table aria-label="Protected tags" className="min-w-full divide-y divide-gray-200 text-sm">
        <thead className="bg-gray-50 text-xs font-semibold uppercase tracking-wide text-gray-600">
          <TableHeadRow cellClassName={CELL} columns={[{ label: "Tag" }, { label: "Allowed to create" }]} />
        </thead>
        <tbody className="divide-y divide-gray-100">
          {rows.map((row) => (
            <tr key={row.id}>
              <td className={CELL}>
                <span className="font-mono text-gray-900">{row.name}</span>
                {row.name.includes("*") ? <span className="ml-2 text-xs text-gray-500">wildcard</span> : null}
              </td>
              <td className={CELL}>{levels(row.allowedToCreate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
