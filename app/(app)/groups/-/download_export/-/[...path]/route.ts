import { fullPathOf } from "@/app/(app)/route-params";
import { downloadExportFromPage } from "@/app/(app)/file-exports";

/** GitLab's `/groups/<path>/-/download_export`: the signed-in owner's archive as an attachment. */
export async function GET(_request: Request, { params }: { params: Promise<{ path: string[] }> }): Promise<Response> {
  return downloadExportFromPage("group", fullPathOf((await params).path));
}
