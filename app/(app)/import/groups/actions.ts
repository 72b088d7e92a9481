"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth";
import type { ActionState } from "@/lib/forms";
import { isSourceError, type SourceErrorKind } from "@/lib/gitlab";
import { logger } from "@/lib/log";
import { connect, disconnect } from "@/lib/sources";

const PAGE = "/import/groups";

// Which input a refusal is about, so that the message sits under it.
const TOKEN_ERRORS: readonly SourceErrorKind[] = ["unauthorized", "insufficient_scope", "forbidden"];

export async function connectAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await currentUser();
  if (!user) redirect("/users/sign_in");
  const url = String(form.get("url") ?? "").trim();
  const token = String(form.get("token") ?? "").trim();
  // Only the URL goes back to the form: the token never travels to the browser again.
  const values = { url };
  const missing: Record<string, string> = {};
  if (!url) missing.url = "Enter the URL of the source GitLab instance.";
  if (!token) missing.token = "Enter a personal access token.";
  if (Object.keys(missing).length) return { fieldErrors: missing, values };
  try {
    await connect(user.id, url, token);
  } catch (error) {
    if (isSourceError(error)) {
      return { fieldErrors: { [TOKEN_ERRORS.includes(error.kind) ? "token" : "url"]: error.message }, values };
    }
    logger.error({ err: error, userId: user.id }, "connecting a source instance failed");
    return { error: "Something went wrong while connecting. Try again.", values };
  }
  revalidatePath(PAGE);
  redirect(PAGE);
}

export async function disconnectAction(): Promise<void> {
  const user = await currentUser();
  if (!user) redirect("/users/sign_in");
  await disconnect(user.id);
  revalidatePath(PAGE);
  redirect(PAGE);
}
