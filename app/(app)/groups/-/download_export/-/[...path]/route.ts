import { currentUser } from "@/lib/auth";
import { requestExportDownload, sendFile } from "@/lib/exchange";
import { fullPathOf } from "@/app/(app)/route-params";

/**
 * GitLab's `/groups/<path>/-/download_export`: the signed-in owner's archive as an attachment. What cannot be
 * downloaded goes back to the settings page with the reason, as GitLab's flash does.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const fullPath = fullPathOf((await params).path);
  const user = await currentUser();
  // Relative locations: behind a proxy (or on another host name than the server's own) the browser stays where its
  // session cookie is.
  const redirect = (location: string) => new Response(null, { status: 302, headers: { location } });
  if (!user) return redirect("/users/sign_in");
  if (fullPath === undefined) return new Response("Not found", { status: 404 });
  const download = await requestExportDownload("group", user, fullPath);
  const back = (reason: string) => redirect(`/groups/${fullPath}/-/edit?export_error=${reason}`);
  if ("refusal" in download) {
    if (download.refusal.status === 429) return back("rate_limited");
    // Someone who may not export the group learns nothing of it.
    return download.refusal.status === 403 || download.refusal.message.startsWith("404 Group") ? new Response("Not found", { status: 404 }) : back("expired");
  }
  return (await sendFile({ path: download.archive.path, filename: download.archive.fileName }, "group")) ?? back("expired");
}
