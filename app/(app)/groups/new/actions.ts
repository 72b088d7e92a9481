"use server";

import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth";
import { formValues, type ActionState } from "@/lib/forms";
import { createGroup, GroupError } from "@/lib/groups";

export async function createGroupAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await currentUser();
  if (!user) redirect("/users/sign_in");
  const values = formValues(form);
  const parent = String(form.get("parent_id") ?? "");
  let fullPath: string;
  try {
    const group = await createGroup(user, {
      name: String(form.get("name") ?? ""),
      path: String(form.get("path") ?? ""),
      parentId: parent ? Number(parent) : null,
      description: String(form.get("description") ?? ""),
      visibility: (String(form.get("visibility") ?? "private") as "private"),
    });
    fullPath = group.fullPath;
  } catch (error) {
    if (error instanceof GroupError) {
      return error.field ? { fieldErrors: { [error.field]: error.message }, values } : { error: error.message, values };
    }
    throw error;
  }
  redirect(`/groups/${fullPath}`);
}
