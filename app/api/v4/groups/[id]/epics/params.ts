import {
  booleanParam,
  choiceParam,
  dateTimeParam,
  notFound,
  ParamError,
  pathRowId,
  readAll,
  recordNotFound,
  rowIdListParam,
  rowIdParam,
  stringParam,
} from "@/lib/api";
import { findEpic, findGroup, type EpicRow, type GroupWithAccess, type ListEpicsOptions } from "@/lib/groups";
import type { Viewer } from "@/lib/viewer";

type Params = Record<string, unknown>;

const text = (params: Params, name: string) => stringParam(params[name], name) || undefined;

/** `labels=a,b` or `labels[]=a&labels[]=b`, as Grape's comma-separated arrays accept both. */
function labelList(value: unknown): string[] | undefined {
  const items = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
  const labels = items.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  return labels.length ? labels : undefined;
}

/** `author_id` and `author_username`, or under `not[...]` their negations, named as Grape names them. */
function authors(params: Params, scope?: string) {
  const name = (key: string) => (scope ? `${scope}[${key}]` : key);
  const [authorId, authorUsername] = readAll(() => rowIdParam(params.author_id, name("author_id")), () => stringParam(params.author_username, name("author_username")) || undefined);
  if (authorId !== undefined && authorUsername !== undefined) throw new ParamError(`${name("author_id")}, ${name("author_username")} are mutually exclusive`);
  return { authorId, authorUsername };
}

export type EpicListParams = Omit<ListEpicsOptions, "page" | "perPage"> & { withLabelsDetails: boolean };

/** The filters of `GET /groups/:id/epics`, with GitLab's defaults (all states, newest created first, with subgroups). */
export function epicListParams(params: Params): EpicListParams {
  const not: Params = params.not && typeof params.not === "object" && !Array.isArray(params.not) ? (params.not as Params) : {};
  const [state, orderBy, sort, search, own, negated, withLabelsDetails, iids, confidential, myReactionEmoji, createdAfter, createdBefore, updatedAfter, updatedBefore, includeAncestorGroups, includeDescendantGroups] =
    readAll(
      () => choiceParam(params.state, "state", ["opened", "closed", "all"]),
      () => choiceParam(params.order_by, "order_by", ["created_at", "updated_at", "title"]),
      () => choiceParam(params.sort, "sort", ["asc", "desc"]),
      () => text(params, "search"),
      () => authors(params),
      () => authors(not, "not"),
      () => booleanParam(params.with_labels_details, "with_labels_details"),
      () => rowIdListParam(params.iids, "iids"),
      () => booleanParam(params.confidential, "confidential"),
      () => text(params, "my_reaction_emoji"),
      () => dateTimeParam(params.created_after, "created_after"),
      () => dateTimeParam(params.created_before, "created_before"),
      () => dateTimeParam(params.updated_after, "updated_after"),
      () => dateTimeParam(params.updated_before, "updated_before"),
      () => booleanParam(params.include_ancestor_groups, "include_ancestor_groups"),
      () => booleanParam(params.include_descendant_groups, "include_descendant_groups"),
    );
  return {
    orderBy: orderBy ?? "created_at",
    sort: sort ?? "desc",
    state: state === "all" ? undefined : state,
    search,
    ...own,
    notAuthorId: negated.authorId,
    notAuthorUsername: negated.authorUsername,
    labels: labelList(params.labels),
    notLabels: labelList(not.labels),
    withLabelsDetails: withLabelsDetails ?? false,
    iids: iids ?? [],
    confidential,
    myReactionEmoji,
    createdAfter,
    createdBefore,
    updatedAfter,
    updatedBefore,
    includeAncestorGroups: includeAncestorGroups ?? false,
    includeDescendantGroups: includeDescendantGroups ?? true,
  };
}

/**
 * The group and epic of a `/groups/:id/epics/:epic_iid/...` path, or GitLab's answer when there is none: an unknown
 * or hidden group is "404 Group Not Found", an unknown epic (or a confidential one the user may not read) "404 Not found".
 */
export async function requestedEpic(viewer: Viewer, params: { id: string; epic_iid: string }): Promise<{ group: GroupWithAccess; epic: EpicRow } | Response> {
  const iid = pathRowId(params.epic_iid, "epic_iid");
  const group = await findGroup(viewer, params.id);
  if (!group) return notFound("Group Not");
  const epic = await findEpic(viewer, group, iid);
  if (!epic) return recordNotFound();
  return { group, epic };
}
