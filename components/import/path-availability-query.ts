import { queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";
import type { PathAvailabilityJson } from "@/lib/migration/wire";

export function getPathAvailabilityQueryOptions(parentId: number | null, path: string) {
  return queryOptions({
    queryKey: ["import", "path-availability", parentId, path.toLowerCase()] as const,
    queryFn: ({ signal }) =>
      fetchJson<PathAvailabilityJson>(`/import/bulk_imports/path_availability?${new URLSearchParams({ parent_id: parentId === null ? "" : String(parentId), path })}`, {
        signal,
      }),
    staleTime: 5_000,
  });
}

/** Whether a destination is taken; asked only for a path that passed the checks the page can make itself. */
export function usePathAvailability(parentId: number | null | undefined, path: string, enabled: boolean) {
  return useQuery({ ...getPathAvailabilityQueryOptions(parentId ?? null, path), enabled: enabled && parentId !== undefined && path !== "" });
}
