import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";
import { sourceGroupsKeys } from "./source-groups-query";
import type { StartedImportJson, StartImportJson } from "@/lib/migration/wire";

/** POST /import/bulk_imports: one bulk import per group; the list is re-read whatever the outcome. */
export function useStartImports() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (imports: StartImportJson[]) => fetchJson<{ imports: StartedImportJson[] }>("/import/bulk_imports", { method: "POST", json: { imports } }),
    onSettled: () => client.invalidateQueries({ queryKey: sourceGroupsKeys.all }),
  });
}

export function useCancelImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (bulkImportId: number) => fetchJson<{ id: number }>(`/import/bulk_imports/${bulkImportId}/cancel`, { method: "POST", json: {} }),
    onSettled: () => client.invalidateQueries({ queryKey: sourceGroupsKeys.all }),
  });
}
