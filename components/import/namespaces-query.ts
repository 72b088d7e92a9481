import { queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";
import type { NamespaceJson } from "@/lib/migration/wire";

export function getNamespacesQueryOptions(search: string) {
  return queryOptions({
    queryKey: ["import", "namespaces", search] as const,
    queryFn: ({ signal }) =>
      fetchJson<{ namespaces: NamespaceJson[] }>(`/import/bulk_imports/namespaces?${new URLSearchParams({ search })}`, { signal }).then((r) => r.namespaces),
    staleTime: 30_000,
  });
}

/** Groups the user may import into; `enabled` waits until the picker opens. */
export function useNamespaces(search: string, enabled: boolean) {
  return useQuery({ ...getNamespacesQueryOptions(search), enabled });
}
