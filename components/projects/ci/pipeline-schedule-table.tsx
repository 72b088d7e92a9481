import { Badge } from "@/components/ui/badge";
import { TableHeadRow } from "@/components/ui/table-head-row";
import { TimeAgo } from "@/components/ui/time-ago";

export interface PipelineScheduleItem {
  id: number;
  description: string;
  ref: string | null;
  cron: string;
  cronTimezone: string;
  nextRunAt: Date | null;
  active: boolean;
  owner: { username: string; name: string; userType: string } | null;
}

const COLUMNS = [{ label: "Description" }, { label: "Target" }, { label: "Last pipeline" }, { label: "Next run" }, { label: "Owner" }] as const;
const CELL = "px-4 py-2 text-left";

/** GitLab's pipeline schedules table: description, target ref, last pipeline, next run and owner, read-only. */
export function PipelineScheduleTable({ schedules }: { schedules: readonly PipelineScheduleItem[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
      <table className="w-full text-sm" aria-label="Pipeline schedules">
        <thead className="bg-gray-50 text-xs uppercase tracking-wide text-gray-500">
          <TableHeadRow columns={COLUMNS} cellClassName={CELL} />
        </thead>
        <tbody className="divide-y divide-gray-100">
          {schedules.map((schedule) => (
            <tr key={schedule.id}>
              <td className={CELL}>
                <span className="font-medium text-gray-900">{schedule.description || "(no description)"}</span>
                {!schedule.active ? (
                  <span className="ml-2">
                    <Badge>Inactive</Badge>
                  </span>
                ) : null}
                <div className="font-mono text-xs text-gray-500" title={`Cron in ${schedule.cronTimezone}`}>
                  {schedule.cron} <span className="font-sans">({schedule.cronTimezone})</span>
                </div>
              </td>
              <td className={`${CELL} font-mono text-xs`}>{schedule.ref ?? "—"}</td>
              <td className={`${CELL} text-gray-500`}>None</td>
              <td className={CELL}>{schedule.active && schedule.nextRunAt ? <TimeAgo date={schedule.nextRunAt} /> : <span className="text-gray-500">Inactive</span>}</td>
              <td className={CELL}>
                {schedule.owner ? (
                  <span>
                    {schedule.owner.name} <span className="text-gray-500">@{schedule.owner.username}</span>
                    {schedule.owner.userType === "placeholder" ? (
                      <span className="ml-2">
                        <Badge tone="warning">Placeholder</Badge>
                      </span>
                    ) : null}
                  </span>
                ) : (
                  <span className="text-gray-500">No owner</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
