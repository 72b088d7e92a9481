"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth";
import type { ActionState } from "@/lib/forms";
import { searchReassignTargets } from "@/lib/users";
import { reassignCsvFromForm, reassignFromForm, type CsvState } from "./reassign-requests";

/** A reassignment changes members, authors and counts on every page of the group and its subgroups. */
function revalidateGroupPages() {
  revalidatePath("/groups", "layout");
}

async function signedIn() {
  const user = await currentUser();
  if (!user) redirect("/users/sign_in");
  return user;
}

export async function reassignPlaceholderAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await reassignFromForm(await signedIn(), form);
  if (state.success) revalidateGroupPages();
  return state;
}

export async function reassignCsvAction(_prev: CsvState, form: FormData): Promise<CsvState> {
  const state = await reassignCsvFromForm(await signedIn(), form);
  if (state.mode === "apply") revalidateGroupPages();
  return state;
}

/** Real accounts for the reassign picker; any signed-in user may look up users, as on GitLab. */
export async function searchUsersAction(query: string): Promise<{ id: number; username: string; name: string }[]> {
  await signedIn();
  return searchReassignTargets(String(query).slice(0, 100));
}
