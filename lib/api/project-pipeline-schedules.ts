import { canReadPipelineSchedules, findPipelineSchedule, findProject, listPipelineSchedules } from "@/lib/projects";
import { baseUrlOf } from "./base-url";
import { pipelineScheduleDetails, pipelineScheduleEntity } from "./entities/pipeline-schedule";
import { rowIdParam } from "./ids";
import { pageParams, paginationHeaders } from "./pagination";
import { ParamError, readAll } from "./param-error";
import { apiRoute } from "./request-auth";
import { forbidden, json, notFound } from "./responses";

function scopeParam(value: string | null): "active" | "inactive" | undefined {
  if (value === null) return undefined;
  if (value === "active" || value === "inactive") return value;
  throw new ParamError("scope does not have a valid value");
}

/** GET /projects/:id/pipeline_schedules[?scope=active|inactive]: Reporters and up, by id, paginated. */
export const pipelineSchedulesRoute = apiRoute<{ id: string }>("read", async ({ request, url, viewer, params }) => {
  const [page, scope] = readAll(
    () => pageParams(url.searchParams),
    () => scopeParam(url.searchParams.get("scope")),
  );
  const project = await findProject(viewer, params.id);
  if (!project) return notFound("Project Not");
  if (!canReadPipelineSchedules(viewer, project)) return forbidden();
  const { rows, total } = await listPipelineSchedules(project.id, { scope, ...page });
  const base = baseUrlOf(request);
  return json(
    rows.map((row) => pipelineScheduleEntity(row, base)),
    { headers: paginationHeaders(request, total, page) },
  );
});

/** GET /projects/:id/pipeline_schedules/:pipeline_schedule_id: the schedule with its variables. */
export const pipelineScheduleRoute = apiRoute<{ id: string; scheduleId: string }>("read", async ({ request, viewer, params }) => {
  const [scheduleId] = readAll(() => rowIdParam(params.scheduleId, "pipeline_schedule_id"));
  const project = await findProject(viewer, params.id);
  if (!project) return notFound("Project Not");
  if (!canReadPipelineSchedules(viewer, project)) return forbidden();
  const schedule = scheduleId === undefined ? undefined : await findPipelineSchedule(project.id, scheduleId);
  if (!schedule) return notFound("Pipeline Schedule Not");
  return json(pipelineScheduleDetails(schedule, baseUrlOf(request)));
});
