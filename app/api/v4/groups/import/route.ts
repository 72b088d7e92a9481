import { apiRoute, json, tooManyRequests } from "@/lib/api";
import { startFileImport } from "@/lib/migration";

export const dynamic = "force-dynamic";

/**
 * GitLab's POST /groups/import (lib/api/group_import.rb): multipart `name`, `path`, `file`, `parent_id`. The archive
 * streams to disk and is checked before anything is created; then 202, and the workers import it.
 */
export const POST = apiRoute(
  "write",
  async ({ request, viewer }) => {
    const started = await startFileImport(viewer, request);
    if (!("refusal" in started)) return json({ message: "202 Accepted" }, { status: 202 });
    const { status, message, key } = started.refusal;
    if (status === 429) return tooManyRequests(60);
    return json({ [key ?? "message"]: message }, { status });
  },
  { streamsBody: true },
);
