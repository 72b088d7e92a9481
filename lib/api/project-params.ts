import { VISIBILITIES } from "@/lib/db";
import { FEATURE_ACCESS_LEVELS, LEGACY_FEATURE_FLAGS, PROJECT_ORDERS, PROJECT_SETTINGS, type ListProjectsOptions, type SettingKind } from "@/lib/projects";
import { booleanParam } from "./booleans";
import { dateTimeParam } from "./dates";
import { integerChoice, integerParam, rowIdParam } from "./ids";
import { pageParams } from "./pagination";
import { invalid, notAValue, ParamError, readAll } from "./param-error";
import { choiceParam, stringParam } from "./strings";

type Params = Record<string, unknown>;

// GitLab's roles for min_access_level, Planner (15) and Security Manager (25) included.
const ACCESS_LEVELS = [5, 10, 15, 20, 25, 30, 40, 50];

/** Grape's Array[String] with GitLab's CommaSeparatedToArray: a list, or one string of comma-separated names. */
export function stringListParam(value: unknown, name: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value as string[];
  throw invalid(name);
}

function settingParam(value: unknown, name: string, kind: SettingKind): unknown {
  switch (kind.type) {
    case "access":
      return choiceParam(value, name, FEATURE_ACCESS_LEVELS);
    case "boolean":
      return booleanParam(value, name);
    case "choice":
      return choiceParam(value, name, kind.values);
    case "text": {
      const text = stringParam(value, name);
      if (text !== undefined && text.length > kind.max) throw new ParamError(`${name} is too long (maximum is ${kind.max} characters)`);
      return text;
    }
    case "integer": {
      const number = integerParam(value, name);
      if (number !== undefined && (number < kind.min || number > kind.max)) throw notAValue(name);
      return number;
    }
  }
}

/**
 * The GitLab settings a create or update sends (`merge_method`, `issues_access_level`, the older `issues_enabled`...),
 * each checked as its type wants; those not sent are left out. An explicit access level wins over its old flag.
 */
export function projectSettingParams(params: Params): Record<string, unknown> {
  const reads = [
    ...Object.entries(LEGACY_FEATURE_FLAGS).map(([flag, feature]) => () => {
      const on = booleanParam(params[flag], flag);
      return on === undefined ? [] : [[`${feature}_access_level`, on ? "enabled" : "disabled"] as const];
    }),
    ...Object.entries(PROJECT_SETTINGS).map(([key, setting]) => () => {
      const value = setting.kind ? settingParam(params[key], key, setting.kind) : undefined;
      return value === undefined ? [] : [[key, value] as const];
    }),
  ];
  return Object.fromEntries(readAll(...reads).flat());
}

/** The attributes POST /projects and PUT /projects/:id share. `topics` or the deprecated `tag_list`. */
export function projectAttributeParams(params: Params) {
  const [name, path, description, visibility, defaultBranch, topics, tagList, settings] = readAll(
    () => stringParam(params.name, "name"),
    () => stringParam(params.path, "path"),
    () => stringParam(params.description, "description"),
    () => choiceParam(params.visibility, "visibility", VISIBILITIES),
    () => stringParam(params.default_branch, "default_branch"),
    () => stringListParam(params.topics, "topics"),
    () => stringListParam(params.tag_list, "tag_list"),
    () => projectSettingParams(params),
  );
  return { name, path, description, visibility, defaultBranch, topics: topics ?? tagList, settings };
}

/** Boolean parameters read together: every bad one named, as Grape names them all. */
function booleanParams(q: URLSearchParams, names: readonly string[]): Record<string, boolean | undefined> {
  return Object.fromEntries(readAll(...names.map((name) => () => [name, booleanParam(q.get(name), name)] as const)));
}

// Accepted as GitLab accepts them; Ferry has nothing they would change.
const IGNORED_BOOLEANS = ["with_custom_attributes", "imported", "include_hidden", "include_pending_delete"];

/**
 * The filters GET /projects and GET /groups/:id/projects share, checked before any lookup, as Grape does. `booleans`
 * names a route's own Boolean parameters, returned as read.
 */
export function projectListParams(q: URLSearchParams, booleans: readonly string[] = []) {
  const [page, flags, visibility, orderBy, sort, minAccessLevel, idAfter, idBefore, lastActivityAfter, lastActivityBefore] = readAll(
    () => pageParams(q),
    () => booleanParams(q, ["archived", "active", "simple", "owned", "membership", "starred", "statistics", "search_namespaces", "with_issues_enabled", "with_merge_requests_enabled", ...IGNORED_BOOLEANS, ...booleans]),
    () => choiceParam(q.get("visibility"), "visibility", VISIBILITIES),
    () => choiceParam(q.get("order_by"), "order_by", PROJECT_ORDERS),
    () => choiceParam(q.get("sort"), "sort", ["asc", "desc"] as const),
    () => integerChoice(integerParam(q.get("min_access_level"), "min_access_level"), "min_access_level", ACCESS_LEVELS),
    () => rowIdParam(q.get("id_after"), "id_after"),
    () => rowIdParam(q.get("id_before"), "id_before"),
    () => dateTimeParam(q.get("last_activity_after"), "last_activity_after"),
    () => dateTimeParam(q.get("last_activity_before"), "last_activity_before"),
  );
  const filters: Omit<ListProjectsOptions, "namespaceId" | "includeSubgroups"> = {
    ...page,
    archived: flags.archived,
    active: flags.active,
    visibility,
    orderBy,
    sort,
    owned: flags.owned,
    membership: flags.membership,
    starred: flags.starred,
    minAccessLevel,
    idAfter,
    idBefore,
    lastActivityAfter,
    lastActivityBefore,
    search: q.get("search") || undefined,
    searchNamespaces: flags.search_namespaces,
    withIssuesEnabled: flags.with_issues_enabled,
    withMergeRequestsEnabled: flags.with_merge_requests_enabled,
  };
  return { page, filters, simple: flags.simple ?? false, statistics: flags.statistics ?? false, flags };
}
