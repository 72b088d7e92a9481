import Link from "next/link";
import { ProgressBar } from "@/components/ui/progress-bar";
import { humanStatus, type HumanStatus, type LastImportJson } from "@/lib/migration/wire";
import { StatusBadge } from "./status-badge";

const number = new Intl.NumberFormat("en");

/** The row's badge, as GitLab names it, and how far the import has come (what GitLab's table does not show). */
export function ImportStatus({ lastImport, scheduling, running }: { lastImport: LastImportJson | null; scheduling: boolean; running: boolean }) {
  const status: HumanStatus = scheduling ? "Pending" : humanStatus(lastImport?.status, lastImport?.hasFailures);
  const progress = scheduling ? null : lastImport?.progress;
  const relations = progress ? `${progress.relationsDone} of ${progress.relationsTotal} relations` : "";
  return (
    <div className="space-y-1.5">
      <StatusBadge status={status} />
      {progress && progress.relationsTotal > 0 ? (
        <div className="space-y-0.5 text-xs text-gray-500">
          {running ? <ProgressBar label="Relations imported" value={progress.relationsDone} max={progress.relationsTotal} valueText={relations} className="mb-1 w-28" /> : null}
          <p>{relations}</p>
          {progress.source ? (
            <p>
              {number.format(progress.imported)} of {number.format(progress.source)} items
            </p>
          ) : null}
          {lastImport && lastImport.projects.total > 0 ? (
            <p>
              {number.format(lastImport.projects.done)} of {number.format(lastImport.projects.total)} project{lastImport.projects.total === 1 ? "" : "s"}
            </p>
          ) : null}
        </div>
      ) : running ? (
        <ProgressBar label="Import progress" className="w-28" />
      ) : null}
      {lastImport && !scheduling ? (
        <Link href={`/import/bulk_imports/${lastImport.bulkImportId}`} className="block text-xs whitespace-nowrap">
          Migration details
        </Link>
      ) : null}
    </div>
  );
}
