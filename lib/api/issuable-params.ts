import type { UserFilter } from "@/lib/content";
import { rowIdParam } from "./ids";
import { ParamError, readAll } from "./param-error";
import { choiceParam, stringParam } from "./strings";

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

/**
 * `state`, `order_by`, `sort`, `search`, `milestone` and `labels`, as both lists read them first, with GitLab's defaults
 * (all states, newest created first). A ParamError names every bad one, in this order, ahead of the list's own.
 */
export function issuableListBasics<const S extends string, const O extends string>(params: Record<string, unknown>, states: readonly S[], orders: readonly ("created_at" | O)[]) {
  const [state, orderBy, sort, search, milestone] = readAll(
    () => choiceParam(params.state, "state", states),
    () => choiceParam(params.order_by, "order_by", orders),
    () => choiceParam(params.sort, "sort", ["asc", "desc"]),
    () => stringParam(params.search, "search") || undefined,
    () => stringParam(params.milestone, "milestone") || undefined,
  );
  return {
    state: state === "all" ? undefined : (state as Exclude<S, "all"> | undefined),
    orderBy: orderBy ?? "created_at",
    sort: sort ?? "desc",
    search,
    labels: labelList(params.labels),
    milestone,
  };
}
