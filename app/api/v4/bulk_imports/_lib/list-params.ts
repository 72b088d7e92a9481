import { json, pageParams, type PageParams } from "@/lib/api";
import { statusFromName, type ListOptions, type SortDirection } from "@/lib/migration";

/** Grape's validation answer: every problem, joined, under `error`. */
export const validationError = (errors: string[]) => json({ error: errors.join(", ") }, { status: 400 });

/** What Grape answers when `find` raises ActiveRecord::RecordNotFound. */
export const recordNotFound = () => json({ message: "404 Not found" }, { status: 404 });

const INTEGER = /^\s*[+-]?\d+\s*$/;

function pageErrors(search: URLSearchParams): string[] {
  return ["page", "per_page"].filter((name) => {
    const value = search.get(name);
    return value !== null && value !== "" && !INTEGER.test(value);
  }).map((name) => `${name} is invalid`);
}

/** `page` and `per_page` (Grape's Integer params: anything else is a 400), with GitLab's defaults and cap. */
export function parsePage(search: URLSearchParams): PageParams | Response {
  const errors = pageErrors(search);
  return errors.length > 0 ? validationError(errors) : pageParams(search);
}

/** Pagination plus `sort` (asc|desc by creation, newest first by default) and `status` (a state name). */
export function parseList(search: URLSearchParams): ListOptions | Response {
  const errors = pageErrors(search);
  const sort = search.get("sort") || "desc";
  if (sort !== "asc" && sort !== "desc") errors.push("sort does not have a valid value");
  const statusText = search.get("status");
  const status = statusText ? statusFromName(statusText) : undefined;
  if (statusText && status === undefined) errors.push("status does not have a valid value");
  if (errors.length > 0) return validationError(errors);
  return { ...pageParams(search), sort: sort as SortDirection, status };
}

/** A path id (`import_id`, `entity_id`): Grape's Integer, so "abc" is a 400 rather than a 404. */
export function parseId(value: string | undefined, name: string): number | Response {
  if (value === undefined || !INTEGER.test(value)) return validationError([`${name} is invalid`]);
  return Number(value);
}
