import { isRowId } from "@/lib/db";
import { invalid, notAValue } from "./param-error";

/**
 * Integers and ids from a request, coerced as Grape's Integer type does: a sign, digits and surrounding blanks, or a
 * JSON number without a fraction. Anything else is GitLab's 400 `<name> is invalid`. Ids are compared with
 * PostgreSQL integer columns, so one outside that range becomes NO_ROW: it names nothing (a 404, an empty filter)
 * instead of failing the query with a 500.
 */

const INTEGER = /^\s*[+-]?\d+\s*$/;

/** An id no row has (serials and iids start at 1); not 0, which a truthiness check would take for "none given". */
export const NO_ROW = -1;

/** Absent (undefined, null, "") is undefined; a non-integer throws ParamError. */
export function integerParam(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && INTEGER.test(value)) return Number(value);
  throw invalid(name);
}

export const asRowId = (value: number): number => (isRowId(value) ? value : NO_ROW);

/** An optional id or iid parameter (`author_id`, `parent_id`, `batch_number`). */
export function rowIdParam(value: unknown, name: string): number | undefined {
  const parsed = integerParam(value, name);
  return parsed === undefined ? undefined : asRowId(parsed);
}

/**
 * A path segment Grape types Integer (`:import_id`, `:board_id`, `:epic_iid`...): not an integer is a 400, out of
 * range finds nothing, so the route answers its own 404.
 */
export function pathRowId(value: string | undefined, name: string): number {
  const parsed = integerParam(value, name);
  if (parsed === undefined) throw invalid(name);
  return asRowId(parsed);
}

/** An Integer parameter Grape declares with `values:` (access levels...). */
export function integerChoice(value: number | undefined, name: string, values: readonly number[]): number | undefined {
  if (value !== undefined && !values.includes(value)) throw notAValue(name);
  return value;
}

/** A path id GitLab only routes when it is all digits (`/users/:id`): anything else, like an id out of range, is no row. */
export const digitsRowId = (value: string): number => (/^\d+$/.test(value) ? asRowId(Number(value)) : NO_ROW);

/**
 * Grape's Array[Integer] of ids (`iids[]=1&iids[]=2`; comma-separated lists too, as GitLab's
 * CommaSeparatedToIntegerArray reads them): every element is checked, one bad element is a 400 for the whole list.
 * Undefined when none is given, so "no filter" and "a filter that matches nothing" stay apart.
 */
export function rowIdListParam(values: unknown, name: string): number[] | undefined {
  const items = (Array.isArray(values) ? values : [values]).flatMap((value) => (typeof value === "string" ? value.split(",") : [value]));
  const ids: number[] = [];
  for (const item of items) {
    if (typeof item === "string" && item.trim() === "") continue;
    const parsed = rowIdParam(item, name);
    if (parsed !== undefined) ids.push(parsed);
  }
  return ids.length > 0 ? ids : undefined;
}
