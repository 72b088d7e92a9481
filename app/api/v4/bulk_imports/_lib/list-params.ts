import { choiceParam, notAValue, pageParams, readAll } from "@/lib/api";
import { statusFromName, type ListOptions } from "@/lib/migration";

/** Pagination plus `sort` (asc|desc by creation, newest first by default) and `status` (a state name). */
export function parseList(search: URLSearchParams): ListOptions {
  const [page, sort, status] = readAll(
    () => pageParams(search),
    () => choiceParam(search.get("sort"), "sort", ["asc", "desc"]) ?? "desc",
    () => {
      const name = search.get("status");
      if (!name) return undefined;
      const status = statusFromName(name);
      if (status === undefined) throw notAValue("status");
      return status;
    },
  );
  return { ...page, sort, status };
}
