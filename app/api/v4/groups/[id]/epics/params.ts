import { boolParam, json, notFound, readParams } from "@/lib/api";
import type { TokenIdentity } from "@/lib/auth";
import { findEpic, findGroup, type EpicRow, type GroupWithAccess, type ListEpicsOptions } from "@/lib/groups";

/** Grape's answer to a parameter it could not coerce or that is outside its `values`. */
export class ParamError extends Error {
  response(): Response {
    return json({ error: this.message }, { status: 400 });
  }
}

function oneOf<T extends string>(params: Record<string, unknown>, name: string, values: readonly T[]): T | undefined {
  const value = params[name];
  if (value === undefined || value === "") return undefined;
  if (typeof value !== "string" || !(values as readonly string[]).includes(value)) throw new ParamError(`${name} does not have a valid value`);
  return value as T;
}

function integer(params: Record<string, unknown>, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === "") return undefined;
  const n = Number(value);
  if (typeof value !== "string" || !Number.isSafeInteger(n)) throw new ParamError(`${name} is invalid`);
  return n;
}

function bool(params: Record<string, unknown>, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined || value === "") return undefined;
  const parsed = boolParam(value);
  if (parsed === undefined) throw new ParamError(`${name} is invalid`);
  return parsed;
}

function dateTime(params: Record<string, unknown>, name: string): Date | undefined {
  const value = params[name];
  if (value === undefined || value === "") return undefined;
  const date = typeof value === "string" ? new Date(value) : new Date(NaN);
  if (Number.isNaN(date.getTime())) throw new ParamError(`${name} is invalid`);
  return date;
}

function text(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** `labels=a,b` or `labels[]=a&labels[]=b`, as Grape's comma-separated arrays accept both. */
function labelList(value: unknown): string[] | undefined {
  const items = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
  const labels = items.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  return labels.length ? labels : undefined;
}

function authors(params: Record<string, unknown>) {
  const authorId = integer(params, "author_id");
  const authorUsername = text(params, "author_username");
  if (authorId !== undefined && authorUsername !== undefined) throw new ParamError("author_id, author_username are mutually exclusive");
  return { authorId, authorUsername };
}

export type EpicListParams = Omit<ListEpicsOptions, "page" | "perPage"> & { withLabelsDetails: boolean };

/** The filters of `GET /groups/:id/epics`, with GitLab's defaults (all states, newest created first, with subgroups). */
export async function epicListParams(request: Request): Promise<EpicListParams> {
  const params = await readParams(request);
  const state = oneOf(params, "state", ["opened", "closed", "all"] as const);
  const not = params.not && typeof params.not === "object" && !Array.isArray(params.not) ? (params.not as Record<string, unknown>) : {};
  const negated = authors(not);
  const iids = [params.iids, params["iids[]"]].flat().filter((v) => v !== undefined);
  if (iids.some((v) => typeof v !== "string" || !/^\d+$/.test(v))) throw new ParamError("iids is invalid");
  return {
    orderBy: oneOf(params, "order_by", ["created_at", "updated_at", "title"] as const) ?? "created_at",
    sort: oneOf(params, "sort", ["asc", "desc"] as const) ?? "desc",
    state: state === "all" ? undefined : state,
    search: text(params, "search"),
    ...authors(params),
    notAuthorId: negated.authorId,
    notAuthorUsername: negated.authorUsername,
    labels: labelList(params.labels),
    notLabels: labelList(not.labels),
    withLabelsDetails: bool(params, "with_labels_details") ?? false,
    iids: iids.map(Number),
    confidential: bool(params, "confidential"),
    myReactionEmoji: text(params, "my_reaction_emoji"),
    createdAfter: dateTime(params, "created_after"),
    createdBefore: dateTime(params, "created_before"),
    updatedAfter: dateTime(params, "updated_after"),
    updatedBefore: dateTime(params, "updated_before"),
    includeAncestorGroups: bool(params, "include_ancestor_groups") ?? false,
    includeDescendantGroups: bool(params, "include_descendant_groups") ?? true,
  };
}

/**
 * The group and epic of a `/groups/:id/epics/:epic_iid/...` path, or GitLab's answer when there is none: an unknown
 * or hidden group is "404 Group Not Found", an unknown epic (or a confidential one the user may not read) "404 Not found".
 */
export async function requestedEpic(identity: TokenIdentity, params: { id: string; epic_iid: string }): Promise<{ group: GroupWithAccess; epic: EpicRow } | Response> {
  if (!/^\d+$/.test(params.epic_iid)) return new ParamError("epic_iid is invalid").response();
  const group = await findGroup(identity.user, decodeURIComponent(params.id));
  if (!group) return notFound("Group Not");
  const epic = await findEpic(identity.user, group, Number(params.epic_iid));
  if (!epic) return json({ message: "404 Not found" }, { status: 404 });
  return { group, epic };
}
