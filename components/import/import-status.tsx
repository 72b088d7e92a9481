import Link from "next/link";
import { ProgressBar } from "@/components/ui/progress-bar";
import { humanStatus, type HumanStatus } from "@/lib/migration/status";
import { StatusBadge } from "./status-badge";
import type { LastImportJson } from "./types";

const number = new Intl.NumberFormat("en");

/** The row's badge, as GitLab names it, and how far the import has come (what GitLab's table does not show). */
export function ImportStatus({ lastImport, scheduling, running }: { lastImport: LastImportJson | null; scheduling: boolean; running: boolean }) {
  const status: HumanStatus = scheduling ? "Pending" : humanStatus(lastImport?.status, lastImport?.hasFailures);
  const progress = scheduling ? null : lastImport?.progress;
  const relations = progress ? `${progress.trackersFinished} of ${progress.trackersTotal} relations` : "";
  return (
    <div className="space-y-1.5">
      <StatusBadge status={status} />
      {progress && progress.trackersTotal > 0 ? (
        <div className="space-y-0.5 text-xs text-gray-500">
          {running ? <ProgressBar label="Relations imported" value={progress.trackersFinished} max={progress.trackersTotal} valueText={relations} className="mb-1 w-28" /> : null}
          <p>{relations}</p>
          {progress.sourceObjects > 0 ? (
            <p>
              {number.format(progress.importedObjects)} of {number.format(progress.sourceObjects)} items
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
