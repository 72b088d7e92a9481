"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth";
import type { ActionState } from "@/lib/forms";
import { updateSettings } from "@/lib/settings";
import { z } from "zod";

// Digits only: an empty or missing field is an error, not a quiet 0 (which would lift the limit).
const count = (max: number) => z.string().regex(/^\d{1,6}$/).transform(Number).pipe(z.number().max(max));
const NUMBERS = z.object({
  max_import_size_mb: count(102_400),
  group_import_limit: count(10_000),
  group_export_limit: count(10_000),
  group_download_export_limit: count(10_000),
  project_import_limit: count(10_000),
  project_export_limit: count(10_000),
  project_download_export_limit: count(10_000),
});

export async function updateSettingsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await currentUser();
  if (!user) redirect("/users/sign_in");
  if (!user.isAdmin) return { error: "Only administrators can change instance settings." };
  const numbers = NUMBERS.safeParse(Object.fromEntries(Object.keys(NUMBERS.shape).map((name) => [name, form.get(name)])));
  if (!numbers.success) return { error: "Limits must be whole numbers of 0 or more (0 means no limit)." };
  const n = numbers.data;
  await updateSettings({
    signupEnabled: form.get("signup_enabled") === "on",
    allowLocalSources: form.get("allow_local_sources") === "on",
    allowInsecureSources: form.get("allow_insecure_sources") === "on",
    directTransferEnabled: form.get("direct_transfer_enabled") === "on",
    fileExportEnabled: form.get("file_export_enabled") === "on",
    fileImportEnabled: form.get("file_import_enabled") === "on",
    maxImportSizeMb: n.max_import_size_mb,
    rateLimits: {
      groupImport: n.group_import_limit,
      groupExport: n.group_export_limit,
      groupDownloadExport: n.group_download_export_limit,
      projectImport: n.project_import_limit,
      projectExport: n.project_export_limit,
      projectDownloadExport: n.project_download_export_limit,
    },
  });
  revalidatePath("/admin/settings");
  return { success: "Settings saved." };
}
