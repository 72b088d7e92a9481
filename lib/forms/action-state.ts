import type { ZodError } from "zod";

/** What a server action returns to its form: a message, errors per field, and the values to show again. */
export interface ActionState {
  error?: string;
  success?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
  /** A value the page must show once (a new token). */
  secret?: string;
  /**
   * Where the browser goes next, with a full page load, once the change is made. For changes that the page's layout
   * shows (a project's header and tabs): on routes that next.config rewrites, a server action's refresh() or redirect
   * does not redraw the layout, and a stale tab would lead to the old default branch.
   */
  location?: string;
}

export function fieldErrorsOf(error: ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    errors[key] ??= issue.message;
  }
  return errors;
}

/** Form values as plain strings, passwords left out so they are never sent back to the page. */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === "string" && !/password/i.test(key) && !key.startsWith("$")) values[key] = value;
  return values;
}

/** Only a local path may be a redirect target; anything else would be an open redirect. */
export function safeRedirect(target: unknown, fallback = "/dashboard/groups"): string {
  return typeof target === "string" && target.startsWith("/") && !target.startsWith("//") && !target.startsWith("/\\") ? target : fallback;
}
