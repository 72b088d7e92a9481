"use server";

import { redirect } from "next/navigation";
import { projectPageUrl } from "@/components/projects/project-urls";
import { startExportFromPage } from "@/app/(app)/file-exports";
import { currentUser } from "@/lib/auth";
import type { ActionState } from "@/lib/forms";
import { changePathFromForm, deleteFromForm, setArchivedFromForm, updateGeneralFromForm } from "./settings-requests";

async function signedIn() {
  const user = await currentUser();
  if (!user) redirect("/users/sign_in");
  return user;
}

export async function updateGeneralAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return updateGeneralFromForm(await signedIn(), form);
}

export async function changePathAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await changePathFromForm(await signedIn(), form);
  if ("state" in result) return result.state;
  // The old address names nothing now.
  redirect(`${projectPageUrl(result.fullPath, "edit")}?updated=path`);
}

export async function setArchivedAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return setArchivedFromForm(await signedIn(), form);
}

export async function deleteProjectAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await deleteFromForm(await signedIn(), form);
  if ("state" in result) return result.state;
  redirect(`/groups/${result.groupPath}`);
}

/** Settings → Export project: starts the signed-in Maintainer's export, which replaces their previous one. */
export async function exportProjectAction(projectId: number): Promise<ActionState> {
  return startExportFromPage("project", projectId);
}
