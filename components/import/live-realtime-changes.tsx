"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import type { RealtimeChange } from "@/lib/migration/wire";
import { useInvalidateOnImportEvents } from "./live-import-events";

export type { RealtimeChange };

// GitLab's realtime_changes interval (its Poll-Interval header); only used while live events are down.
const POLL_MS = 3_000;
const RUNNING = ["created", "started"];
const anyRunning = (changes: readonly RealtimeChange[] | undefined) => Boolean(changes?.some((c) => RUNNING.includes(c.status_name)));

export const realtimeChangesKeys = {
  all: ["import", "realtime-changes"] as const,
  ids: (ids: readonly number[]) => [...realtimeChangesKeys.all, [...ids].sort((a, b) => a - b)] as const,
};

/** Statuses (GitLab's shape) and per-entity progress of the given bulk imports; `live` turns polling off. */
export function getRealtimeChangesQueryOptions(ids: readonly number[], { live = false }: { live?: boolean } = {}) {
  return queryOptions({
    queryKey: realtimeChangesKeys.ids(ids),
    queryFn: async ({ signal }): Promise<RealtimeChange[]> => {
      const response = await fetch(`/import/bulk_imports/realtime_changes?ids=${ids.join(",")}`, { signal, credentials: "same-origin" });
      if (!response.ok) throw new Error(`Update of import statuses with realtime changes failed (${response.status})`);
      return (await response.json()) as RealtimeChange[];
    },
    enabled: ids.length > 0,
    refetchInterval: (query) => (!live && anyRunning(query.state.data) ? POLL_MS : false),
    refetchIntervalInBackground: false,
  });
}

/** Live statuses of some bulk imports: refetched on server-sent events, polled only while those are down. */
export function useRealtimeChanges(ids: readonly number[]) {
  const { connected } = useInvalidateOnImportEvents([realtimeChangesKeys.all], {
    filter: (event) => ids.includes(event.bulkImportId),
    // Read before the stream listened: read again unless nothing read was still running.
    catchUp: () => query.data === undefined || anyRunning(query.data),
  });
  const query = useQuery(getRealtimeChangesQueryOptions(ids, { live: connected }));
  return query;
}
