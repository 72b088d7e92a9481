import { scheduledImportState, type FileImportRefusal, type StartedProjectImport } from "@/lib/migration";
import { findProject } from "@/lib/projects";
import type { Viewer } from "@/lib/viewer";
import { baseUrlOf } from "./base-url";
import { projectImportStatusEntity } from "./entities/project-import-status";
import { json, tooManyRequests } from "./responses";

/**
 * What POST /projects/import, /remote-import and /remote-import-s3 answer: GitLab's refusal (`{"message"}` or Grape's
 * `{"error"}`, 429 with Retry-After), or 201 with the new project's ProjectImportStatus (`scheduled`).
 */
export async function projectImportResponse(started: StartedProjectImport | { refusal: FileImportRefusal }, request: Request, viewer: Viewer): Promise<Response> {
  if ("refusal" in started) {
    const { status, message, key } = started.refusal;
    if (status === 429) return tooManyRequests(60);
    return json({ [key ?? "message"]: message }, { status });
  }
  const project = await findProject(viewer, String(started.projectId));
  if (!project) return json({ message: "404 Project Not Found" }, { status: 404 });
  return json(await projectImportStatusEntity(project, { viewer, baseUrl: baseUrlOf(request), state: scheduledImportState(started.bulkImportId) }), { status: 201 });
}
