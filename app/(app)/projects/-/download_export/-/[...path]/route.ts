import { fullPathOf } from "@/app/(app)/route-params";
import { downloadExportFromPage } from "@/app/(app)/file-exports";

/** `/<project path>/-/download_export` (GitLab's `/<project path>/download_export`): the user's archive as an attachment. */
export async function GET(_request: Request, { params }: { params: Promise<{ path: string[] }> }): Promise<Response> {
  return downloadExportFromPage("project", fullPathOf((await params).path));
}
