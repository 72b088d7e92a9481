import type { UserFilter } from "@/lib/content";
import { rowIdParam } from "./ids";
import { ParamError } from "./param-error";
import { stringParam } from "./strings";

// What the issue and merge request lists of GitLab's API both read (IssuableFinder's parameters).

/** `labels=a,b` or `labels[]=a&labels[]=b`, as Grape's comma-separated arrays accept both. */
export function labelList(value: unknown): string[] | undefined {
  const items = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
  const labels = items.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  return labels.length ? labels : undefined;
}

/** `assignee_id` and the like: a user id, or GitLab's `None` / `Any` (any case). */
export function userIdFilterParam(value: unknown, name: string): number | "None" | "Any" | undefined {
  if (typeof value === "string" && /^(none|any)$/i.test(value.trim())) return value.trim().toLowerCase() === "none" ? "None" : "Any";
  return rowIdParam(value, name);
}

/**
 * A user filter given by `<who>_id` or `<who>_username`, never both (Grape's mutually_exclusive answers 400 then).
 * A username list (`assignee_username[]=`) takes its first, as a merge request list filters by one user.
 */
export function userFilterParams(params: Record<string, unknown>, who: string): UserFilter | undefined {
  const byId = userIdFilterParam(params[`${who}_id`], `${who}_id`);
  const raw = params[`${who}_username`];
  const username = stringParam(Array.isArray(raw) ? raw[0] : raw, `${who}_username`) || undefined;
  if (byId !== undefined && username !== undefined) throw new ParamError(`${who}_id, ${who}_username are mutually exclusive`);
  if (username !== undefined) return /^(none|any)$/i.test(username) ? (username.toLowerCase() === "none" ? "None" : "Any") : { username };
  return byId;
}
