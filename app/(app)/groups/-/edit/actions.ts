"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth";
import { requestFileExport } from "@/lib/exchange";
import type { ActionState } from "@/lib/forms";
import { getSettings } from "@/lib/settings";

/** Settings → Export group: starts the signed-in owner's export, which replaces their previous one. */
export async function exportGroupAction(groupId: number): Promise<ActionState> {
  const user = await currentUser();
  if (!user) redirect("/users/sign_in");
  const request = await requestFileExport("group", user, String(groupId));
  if ("refusal" in request) {
    if (request.refusal.status === 429) {
      const limit = (await getSettings()).rateLimits.groupExport;
      return { error: `You can export ${limit} times a minute. Wait a minute and try again.` };
    }
    return { error: request.refusal.status === 403 ? "Only the group's owners can export it." : "Group export is not available. An administrator may have turned it off." };
  }
  revalidatePath(`/groups/${request.portable.fullPath}/-/edit`);
  return { success: "Group export started. A download link will appear here when it is ready." };
}
