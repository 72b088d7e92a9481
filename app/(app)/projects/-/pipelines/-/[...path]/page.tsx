import { PipelineTable } from "@/components/projects/ci/pipeline-table";
import { projectPageUrl } from "@/components/projects/project-urls";
import { Pagination } from "@/components/ui/pagination";
import type { ProjectParams } from "@/app/(app)/projects/project-route";
import { pageOf } from "@/app/(app)/route-params";
import { listPipelines, stagesOf, type PipelineScope } from "@/lib/projects";
import { pipelinesRoute } from "../../pipeline-route";

const PER_PAGE = 20;
// GitLab's tabs: All, Finished, Branches (the newest pipeline of each branch), Tags (of each tag).
const TABS: { key: PipelineScope | undefined; label: string }[] = [
  { key: undefined, label: "All" },
  { key: "finished", label: "Finished" },
  { key: "branches", label: "Branches" },
  { key: "tags", label: "Tags" },
];
const STATUS = /^[a-z_]{1,40}$/;

/** Build → Pipelines (`/-/pipelines`): the pipelines the source ran, newest first, by GitLab's tabs, status and ref. */
export default async function PipelinesPage({ params, searchParams }: { params: Promise<ProjectParams>; searchParams: Promise<{ page?: string; scope?: string; status?: string; ref?: string }> }) {
  const { project } = await pipelinesRoute(params);
  const query = await searchParams;
  // Past any real page, bounded so that its offset stays a number PostgreSQL takes.
  const page = Math.min(pageOf(query.page), 1_000_000);
  const scope = TABS.find((tab) => tab.key === query.scope)?.key;
  const status = query.status && STATUS.test(query.status) ? query.status : undefined;
  const ref = query.ref ? query.ref.slice(0, 1024) : undefined;
  const { rows, total } = await listPipelines(project.id, { scope, status, ref, page, perPage: PER_PAGE });
  const stages = await stagesOf(rows.map((row) => row.id));
  const base = projectPageUrl(project.fullPath, "pipelines");
  const hrefFor = (changes: { scope?: PipelineScope; status?: string; ref?: string; page?: number }) => {
    const next = new URLSearchParams(Object.entries(changes).flatMap(([key, value]) => (value === undefined || value === 1 ? [] : [[key, String(value)]])));
    return next.size > 0 ? `${base}?${next}` : base;
  };
  const filtered = status !== undefined || ref !== undefined;
  return (
    <section aria-label="Pipelines">
      <nav aria-label="Pipeline scope" className="mb-4 flex flex-wrap items-center gap-1 text-sm">
        {/* Plain links: a tab is a new server render of the page, as GitLab's tabs are. */}
        {TABS.map(({ key, label }) => (
          <a key={label} href={hrefFor({ scope: key })} aria-current={key === scope && !filtered ? "true" : undefined} className={`rounded-md px-2 py-1 ${key === scope && !filtered ? "bg-gray-200 font-medium text-gray-900" : "text-gray-600 hover:bg-gray-100"}`}>
            {label}
          </a>
        ))}
        {filtered ? (
          <span className="ml-3 flex items-center gap-2 text-gray-600">
            {status ? <span>Status: {status}</span> : null}
            {ref ? <span className="font-mono">Ref: {ref}</span> : null}
            <a href={hrefFor({ scope })} className="text-xs">
              Clear filters
            </a>
          </span>
        ) : null}
      </nav>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center text-sm text-gray-600">
          {total === 0 && !scope && !filtered ? "This project has no pipelines. Ferry runs no CI: pipelines come with a project imported from GitLab." : "No pipelines match."}
        </p>
      ) : (
        <PipelineTable fullPath={project.fullPath} pipelines={rows.map((row) => ({ ...row, stages: stages.get(row.id) ?? [] }))} />
      )}
      <Pagination page={page} totalPages={Math.ceil(total / PER_PAGE)} hrefFor={(p) => hrefFor({ scope, status, ref, page: p })} label="Pipelines pagination" />
    </section>
  );
}
