import type { ActionState } from "@/lib/forms";
import type { Viewer } from "@/lib/viewer";
import { applyReassignmentCsv, CSV_MAX_BYTES, PlaceholderError, reassignPlaceholder, type CsvLineResult } from "@/lib/users";

export interface CsvState {
  error?: string;
  mode?: "preview" | "apply";
  results?: CsvLineResult[];
}

const positiveInt = (value: FormDataEntryValue | null): number | null => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : null;
};

/** The reassign form: which placeholder, to whom. Refusals come back as the form's message. */
export async function reassignFromForm(user: Viewer, form: FormData): Promise<ActionState> {
  const placeholderId = positiveInt(form.get("placeholder_id"));
  const targetId = positiveInt(form.get("target_user_id"));
  if (!placeholderId) return { error: "Placeholder user not found." };
  if (!targetId) return { fieldErrors: { target_user_id: "Select a user to reassign to." } };
  try {
    await reassignPlaceholder(user, placeholderId, targetId);
  } catch (error) {
    if (error instanceof PlaceholderError) return { error: error.message };
    throw error;
  }
  return { success: "Placeholder reassigned: its contributions and memberships now belong to the selected user." };
}

/** The CSV upload: a preview (nothing changes) or the reassignment itself, with a result per line. */
export async function reassignCsvFromForm(user: Viewer, form: FormData): Promise<CsvState> {
  const groupId = positiveInt(form.get("group_id"));
  const file = form.get("file");
  const mode = form.get("intent") === "apply" ? "apply" : "preview";
  if (!groupId) return { error: "Group not found." };
  if (!(file instanceof Blob) || file.size === 0) return { error: "Choose a CSV file to upload." };
  if (file.size > CSV_MAX_BYTES) return { error: "The file is too large (maximum is 1 MB)." };
  try {
    const results = await applyReassignmentCsv(user, groupId, await file.text(), { dryRun: mode === "preview" });
    if (results.length === 0) return { error: "The file has no reassignment lines." };
    return { mode, results };
  } catch (error) {
    if (error instanceof PlaceholderError) return { error: error.message };
    throw error;
  }
}
