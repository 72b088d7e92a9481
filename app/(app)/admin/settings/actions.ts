"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth";
import type { ActionState } from "@/lib/forms";
import { updateSettings } from "@/lib/settings";

export async function updateSettingsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await currentUser();
  if (!user) redirect("/users/sign_in");
  if (!user.isAdmin) return { error: "Only administrators can change instance settings." };
  await updateSettings({
    signupEnabled: form.get("signup_enabled") === "on",
    allowLocalSources: form.get("allow_local_sources") === "on",
    allowInsecureSources: form.get("allow_insecure_sources") === "on",
    directTransferEnabled: form.get("direct_transfer_enabled") === "on",
  });
  revalidatePath("/admin/settings");
  return { success: "Settings saved." };
}
