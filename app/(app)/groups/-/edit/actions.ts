"use server";

import { startExportFromPage } from "@/app/(app)/file-exports";
import type { ActionState } from "@/lib/forms";

/** Settings → Export group: starts the signed-in owner's export, which replaces their previous one. */
export async function exportGroupAction(groupId: number): Promise<ActionState> {
  return startExportFromPage("group", groupId);
}
