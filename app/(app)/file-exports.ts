import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth";
import { requestExportDownload, requestFileExport, sendFile } from "@/lib/exchange";
import type { ActionState } from "@/lib/forms";
import type { PortableKind } from "@/lib/relations";
import { getSettings } from "@/lib/settings";

/** Where a portable's settings page is: its Export section and the reasons a download was refused come back there. */
const settingsPath = (kind: PortableKind, fullPath: string) => (kind === "group" ? `/groups/${fullPath}/-/edit` : `/${fullPath}/-/edit`);

/** Settings → Export group / Export project: starts the signed-in user's export, which replaces their previous one. */
export async function startExportFromPage(kind: PortableKind, id: number): Promise<ActionState> {
  const user = await currentUser();
  if (!user) redirect("/users/sign_in");
  const request = await requestFileExport(kind, user, String(id));
  if ("refusal" in request) {
    if (request.refusal.status === 429) {
      const limits = (await getSettings()).rateLimits;
      return { error: `You can export ${kind === "group" ? limits.groupExport : limits.projectExport} times a minute. Wait a minute and try again.` };
    }
    if (request.refusal.status === 403) return { error: kind === "group" ? "Only the group's owners can export it." : "Only the project's Maintainers and Owners can export it." };
    return { error: `${kind === "group" ? "Group" : "Project"} export is not available. An administrator may have turned it off.` };
  }
  revalidatePath(settingsPath(kind, request.portable.fullPath));
  return { success: `${kind === "group" ? "Group" : "Project"} export started. A download link will appear here when it is ready.` };
}

/** Why a settings page says a download did not happen (`?export_error=`). */
export const DOWNLOAD_ERRORS: Record<string, (kind: PortableKind) => string> = {
  expired: (kind) => `The export has expired or is not ready yet. Export the ${kind} again.`,
  rate_limited: () => "You downloaded this export a moment ago. Downloads are limited: try again in a minute.",
};

/**
 * GitLab's `/groups/<path>/-/download_export` and `/<project path>/download_export`: the signed-in user's archive as
 * an attachment. What cannot be downloaded goes back to the settings page with the reason, as GitLab's flash does.
 */
export async function downloadExportFromPage(kind: PortableKind, fullPath: string | undefined): Promise<Response> {
  const user = await currentUser();
  // Relative locations: behind a proxy (or on another host name than the server's own) the browser stays where its
  // session cookie is.
  const redirectTo = (location: string) => new Response(null, { status: 302, headers: { location } });
  if (!user) return redirectTo("/users/sign_in");
  if (fullPath === undefined) return new Response("Not found", { status: 404 });
  const download = await requestExportDownload(kind, user, fullPath);
  const back = (reason: string) => redirectTo(`${settingsPath(kind, fullPath)}?export_error=${reason}`);
  if ("refusal" in download) {
    if (download.refusal.status === 429) return back("rate_limited");
    // Someone who may not export it learns nothing of it.
    return download.refusal.status === 403 || /^404 (Group|Project) Not Found$/.test(download.refusal.message) ? new Response("Not found", { status: 404 }) : back("expired");
  }
  return (await sendFile({ path: download.archive.path, filename: download.archive.fileName }, kind)) ?? back("expired");
}
