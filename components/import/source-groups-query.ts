import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { STATUS, type SourceGroupsJson } from "@/lib/migration/wire";
import { fetchJson } from "./fetch-json";

export interface SourceGroupsParams {
  /**
   * The connected instance: part of the key, so that after a switch nothing cached of the other instance is shown
   * (its groups' ids are the new one's too, and rows would start with the other instance's paths).
   */
  source: string;
  page: number;
  perPage: number;
  search: string;
}

/** Keys of the source group list: `all` is what a change of any import invalidates (live updates included). */
export const sourceGroupsKeys = {
  all: ["import", "source-groups"] as const,
  page: (params: SourceGroupsParams) => [...sourceGroupsKeys.all, params] as const,
};

const POLL_MS = 3_000;
const RUNNING: readonly number[] = [STATUS.created, STATUS.started];

export const isRunning = (status: number | undefined) => status !== undefined && RUNNING.includes(status);

/** Whether a page of groups shows an import on its way (one it read may have changed since). */
export const showsRunning = (data: SourceGroupsJson | undefined) => Boolean(data?.groups.some((g) => isRunning(g.lastImport?.status)));

/** `live`: the page hears of import changes as they happen (components/import/live-import-events), so no polling. */
export function getSourceGroupsQueryOptions(params: SourceGroupsParams, { live = false }: { live?: boolean } = {}) {
  const search = new URLSearchParams({ page: String(params.page), per_page: String(params.perPage) });
  if (params.search) search.set("search", params.search);
  return queryOptions({
    queryKey: sourceGroupsKeys.page(params),
    queryFn: ({ signal }) => fetchJson<SourceGroupsJson>(`/import/bulk_imports/source_groups?${search}`, { signal }),
    placeholderData: keepPreviousData,
    // Without live events, poll while something on the page is on its way; react-query pauses this while the tab is hidden.
    refetchInterval: (query) => (!live && showsRunning(query.state.data) ? POLL_MS : false),
    refetchIntervalInBackground: false,
  });
}

export function useSourceGroups(params: SourceGroupsParams, options: { live?: boolean } = {}) {
  return useQuery(getSourceGroupsQueryOptions(params, options));
}
