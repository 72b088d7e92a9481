import { currentUser } from "@/lib/auth";
import { logger } from "@/lib/log";
import type { FileImportRefusal } from "@/lib/migration";
import { isCrossOriginWrite } from "@/lib/security";
import type { Viewer } from "@/lib/viewer";

// next.config.js `serverActions.allowedOrigins`, handed over at build time through its `env` (as proxy.ts reads it).
const ALLOWED_ORIGINS = (process.env.FERRY_ALLOWED_ORIGINS ?? "").split(",").filter(Boolean);

const answer = (status: number, body: Record<string, unknown>) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

/**
 * The New group and New project pages' "Import from an export file" (GitLab's POST /import/gitlab_group and
 * /import/gitlab_project): the same import as the API's, signed in by session. proxy.ts leaves these addresses out
 * (it would buffer the upload in memory and cut it at 10 MB), so the cross-origin check it makes for pages is made
 * here. `start` is the API's starter; the answer names the bulk import whose status page follows.
 */
export function fileUploadRoute(label: string, start: (viewer: Viewer, request: Request) => Promise<{ bulkImportId: number } | { refusal: FileImportRefusal }>) {
  return async function POST(request: Request): Promise<Response> {
    if (isCrossOriginWrite(request.method, request.headers, ALLOWED_ORIGINS)) return answer(403, { message: "This request must come from Ferry's own page." });
    const user = await currentUser();
    if (!user) return answer(401, { message: "Your session has ended. Sign in again." });
    try {
      const started = await start(user, request);
      if ("refusal" in started) {
        const { status, message } = started.refusal;
        const text = typeof message === "string" ? message : Object.values(message).flat().join(" ");
        return answer(status, { message: status === 429 ? "Too many imports in the last minute. Try again shortly." : text });
      }
      return answer(201, { bulkImportId: started.bulkImportId });
    } catch (error) {
      logger.error({ err: error }, `${label} import by file failed to start`);
      return answer(500, { message: "Something went wrong. Try again." });
    }
  };
}
