"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn, signOut } from "@/lib/auth";
import { fieldErrorsOf, formValues, safeRedirect, type ActionState } from "@/lib/forms";
import { getConfig } from "@/lib/config";
import { getSettings } from "@/lib/settings";
import { countUsers, createUser, newUserSchema, UserExistsError } from "@/lib/users";

const SIGN_IN_MESSAGES: Record<string, string> = {
  too_many_attempts: `Too many failed sign-in attempts. Wait ${getConfig().FERRY_SIGN_IN_WINDOW_MINUTES} minutes and try again.`,
  blocked: "Your account has been blocked. Contact your administrator.",
};

export async function signInAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  try {
    await signIn("credentials", {
      login: form.get("login"),
      password: form.get("password"),
      redirectTo: safeRedirect(form.get("redirect_to")),
    });
    return {};
  } catch (error) {
    if (!(error instanceof AuthError)) throw error; // includes Next's redirect on success
    const code = error instanceof CredentialsSignin ? error.code : "";
    return { error: SIGN_IN_MESSAGES[code] ?? "Invalid login or password.", values };
  }
}

export async function signUpAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const { signupEnabled } = await getSettings();
  if (!signupEnabled && (await countUsers()) > 0) return { error: "Sign-up is disabled on this instance. Ask an administrator for an account.", values };
  const parsed = newUserSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    await createUser(parsed.data);
  } catch (error) {
    if (error instanceof UserExistsError) return { fieldErrors: { [error.field]: error.message }, values };
    throw error;
  }
  await signIn("credentials", { login: parsed.data.username, password: parsed.data.password, redirectTo: "/dashboard/groups" });
  return {};
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/users/sign_in" });
}
