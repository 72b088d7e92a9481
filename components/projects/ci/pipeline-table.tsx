import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { TableHeadRow } from "@/components/ui/table-head-row";
import { TimeAgo } from "@/components/ui/time-ago";
import { ciDuration } from "@/lib/projects/ci-status";
import { commitUrl, pipelineUrl, treeUrl } from "../project-urls";
import { CiStatusBadge } from "./ci-status-badge";

export interface PipelineListItem {
  id: number;
  iid: number | null;
  name: string | null;
  status: string;
  ref: string | null;
  tag: boolean;
  sha: string;
  source: string | null;
  duration: number | null;
  finishedAt: Date | null;
  createdAt: Date;
  user: { username: string; name: string } | null;
  stages: { name: string; status: string | null }[];
}

const COLUMNS = [{ label: "Status" }, { label: "Pipeline" }, { label: "Created by" }, { label: "Stages" }] as const;
const CELL = "px-4 py-3 text-left align-top";

/** GitLab's pipelines table: status with duration and finish time, the pipeline (id, iid, ref, commit, source), who ran it, and its stages. */
export function PipelineTable({ fullPath, pipelines }: { fullPath: string; pipelines: readonly PipelineListItem[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
      <table className="w-full text-sm" aria-label="Pipelines">
        <thead className="bg-gray-50 text-xs uppercase tracking-wide text-gray-500">
          <TableHeadRow columns={COLUMNS} cellClassName={CELL} />
        </thead>
        <tbody className="divide-y divide-gray-100">
          {pipelines.map((pipeline) => {
            const duration = ciDuration(pipeline.duration);
            return (
              <tr key={pipeline.id}>
                <td className={CELL}>
                  <CiStatusBadge status={pipeline.status} />
                  <div className="mt-1 space-y-0.5 text-xs text-gray-500">
                    {duration ? <div>Duration {duration}</div> : null}
                    {pipeline.finishedAt ? (
                      <div>
                        Finished <TimeAgo date={pipeline.finishedAt} />
                      </div>
                    ) : null}
                  </div>
                </td>
                <td className={CELL}>
                  <Link href={pipelineUrl(fullPath, pipeline.id)} className="font-medium">
                    {pipeline.name ?? `#${pipeline.id}`}
                  </Link>
                  <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-gray-600">
                    {pipeline.name ? <span>#{pipeline.id}</span> : null}
                    {pipeline.iid !== null ? <span title="Pipeline IID">IID {pipeline.iid}</span> : null}
                    {pipeline.ref ? (
                      <span>
                        <span className="text-gray-500">{pipeline.tag ? "tag " : "branch "}</span>
                        <Link href={treeUrl(fullPath, pipeline.ref)} className="font-mono">
                          {pipeline.ref}
                        </Link>
                      </span>
                    ) : null}
                    <Link href={commitUrl(fullPath, pipeline.sha)} className="font-mono" title={pipeline.sha} aria-label={`Commit ${pipeline.sha.slice(0, 8)}`}>
                      {pipeline.sha.slice(0, 8)}
                    </Link>
                    {pipeline.source ? <Badge>{pipeline.source.replaceAll("_", " ")}</Badge> : null}
                  </div>
                </td>
                <td className={CELL}>
                  {pipeline.user ? (
                    <span>
                      {pipeline.user.name} <span className="text-gray-500">@{pipeline.user.username}</span>
                    </span>
                  ) : (
                    <span className="text-gray-500">—</span>
                  )}
                  <div className="text-xs text-gray-500">
                    created <TimeAgo date={pipeline.createdAt} />
                  </div>
                </td>
                <td className={CELL}>
                  {pipeline.stages.length === 0 ? (
                    <span className="text-xs text-gray-500">No stages</span>
                  ) : (
                    <ul className="flex flex-wrap gap-1" aria-label={`Stages of pipeline ${pipeline.id}`}>
                      {pipeline.stages.map((stage, index) => (
                        <li key={index}>
                          <CiStatusBadge status={stage.status} prefix={stage.name} />
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
