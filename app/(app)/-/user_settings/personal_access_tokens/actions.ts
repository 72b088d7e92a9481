"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createPersonalAccessToken, currentUser, newTokenSchema, revokePersonalAccessToken } from "@/lib/auth";
import { fieldErrorsOf, formValues, type ActionState } from "@/lib/forms";

const PAGE = "/-/user_settings/personal_access_tokens";

export async function createTokenAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await currentUser();
  if (!user) redirect("/users/sign_in");
  const parsed = newTokenSchema.safeParse({
    name: form.get("name"),
    scopes: form.getAll("scopes"),
    expiresAt: form.get("expires_at") || undefined,
  });
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values: formValues(form) };
  const { token, record } = await createPersonalAccessToken(user.id, parsed.data);
  revalidatePath(PAGE);
  return { success: `Your new personal access token "${record.name}" has been created.`, secret: token };
}

export async function revokeTokenAction(form: FormData): Promise<void> {
  const user = await currentUser();
  if (!user) redirect("/users/sign_in");
  await revokePersonalAccessToken(user.id, Number(form.get("id")));
  revalidatePath(PAGE);
}
