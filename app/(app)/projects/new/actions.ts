"use server";

import { redirect } from "next/navigation";
import { projectUrl } from "@/components/projects/project-urls";
import { currentUser } from "@/lib/auth";
import type { ActionState } from "@/lib/forms";
import { createProjectFromForm } from "./create-request";

export async function createProjectAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await currentUser();
  if (!user) redirect("/users/sign_in");
  const result = await createProjectFromForm(user, form);
  if ("state" in result) return result.state;
  redirect(projectUrl(result.fullPath));
}
