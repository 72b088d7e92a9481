import { apiRoute, json, tooManyRequests } from "@/lib/api";
import { startRelationImport } from "@/lib/migration";

export const dynamic = "force-dynamic";

/**
 * GitLab's POST /projects/import-relation (17.1): multipart `file`, `path` (the existing project's full path) and
 * `relation` (issues, merge_requests, milestones or ci_pipelines). The archive streams to disk and is checked before
 * anything is created; then 201 with the relation import, which the workers run.
 */
export const POST = apiRoute(
  "write",
  async ({ request, viewer }) => {
    const started = await startRelationImport(viewer, request);
    if ("refusal" in started) {
      const { status, message, key } = started.refusal;
      if (status === 429) return tooManyRequests(60);
      return json({ [key ?? "message"]: message }, { status });
    }
    const { id, project_path, relation, status } = started;
    return json({ id, project_path, relation, status }, { status: 201 });
  },
  { streamsBody: true },
);
