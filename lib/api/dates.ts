import { invalid } from "./param-error";

// Years PostgreSQL's timestamptz takes from an ISO string: a Date past 9999 prints as "+010000-...", which it refuses.
const EARLIEST = Date.UTC(1, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** A DateTime parameter (`updated_after`, `created_before`...): undefined when absent or blank, else a date or a 400. */
export function dateTimeParam(value: unknown, name: string): Date | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const date = typeof value === "string" ? new Date(value) : new Date(NaN);
  const time = date.getTime();
  if (Number.isNaN(time) || time < EARLIEST || time > LATEST) throw invalid(name);
  return date;
}
