import { notFound } from "next/navigation";
import { PipelineScheduleTable } from "@/components/projects/ci/pipeline-schedule-table";
import { projectPageUrl } from "@/components/projects/project-urls";
import { Pagination } from "@/components/ui/pagination";
import { projectRoute, type ProjectParams } from "@/app/(app)/projects/project-route";
import { pageOf } from "@/app/(app)/route-params";
import { canReadPipelineSchedules, listPipelineSchedules, type ScheduleScope } from "@/lib/projects";

const PER_PAGE = 20;
const SCOPES: { key: ScheduleScope; label: string }[] = [
  { key: undefined, label: "All" },
  { key: "active", label: "Active" },
  { key: "inactive", label: "Inactive" },
];

/** Build → Pipeline schedules (`/-/pipeline_schedules`): the project's schedules, read-only, by scope as GitLab's tabs. */
export default async function PipelineSchedulesPage({ params, searchParams }: { params: Promise<ProjectParams>; searchParams: Promise<{ page?: string; scope?: string }> }) {
  const { user, project } = await projectRoute(params);
  if (!canReadPipelineSchedules(user, project)) notFound();
  const query = await searchParams;
  const page = pageOf(query.page);
  const scope: ScheduleScope = query.scope === "active" || query.scope === "inactive" ? query.scope : undefined;
  const { rows, total } = await listPipelineSchedules(project.id, { scope, page, perPage: PER_PAGE });
  const base = projectPageUrl(project.fullPath, "pipeline_schedules");
  const hrefFor = (changes: { scope?: ScheduleScope; page?: number }) => {
    const next = new URLSearchParams(Object.entries(changes).flatMap(([key, value]) => (value === undefined || value === 1 ? [] : [[key, String(value)]])));
    return next.size > 0 ? `${base}?${next}` : base;
  };
  return (
    <section aria-label="Pipeline schedules">
      <nav aria-label="Schedule scope" className="mb-4 flex items-center gap-1 text-sm">
        {/* Plain links: a scope is a new server render of the page, as GitLab's tabs are. */}
        {SCOPES.map(({ key, label }) => (
          <a key={label} href={hrefFor({ scope: key })} aria-current={key === scope ? "true" : undefined} className={`rounded-md px-2 py-1 ${key === scope ? "bg-gray-200 font-medium text-gray-900" : "text-gray-600 hover:bg-gray-100"}`}>
            {label}
          </a>
        ))}
      </nav>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center text-sm text-gray-600">{scope ? `No ${scope} pipeline schedules.` : "This project has no pipeline schedules."}</p>
      ) : (
        <PipelineScheduleTable schedules={rows} />
      )}
      <Pagination page={page} totalPages={Math.ceil(total / PER_PAGE)} hrefFor={(p) => hrefFor({ scope, page: p })} label="Pipeline schedules pagination" />
    </section>
  );
}
