"use client";

import { useCallback, useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TARGET_MESSAGES, type ImportTarget, type ParentChoice } from "@/lib/sources/target-rules";
import { EmptyState } from "./empty-state";
import { HttpError } from "./fetch-json";
import { GroupsFilter } from "./groups-filter";
import { ImportGroupRow } from "./import-group-row";
import { useCancelImport, useStartImports } from "./import-mutations";
import { PaginationBar } from "./pagination-bar";
import { rememberPerPage } from "./per-page";
import type { RowMode, RowServerError, RowTarget, RowValidity } from "./row-state";
import { SelectionBar } from "./selection-bar";
import { useInvalidateOnImportEvents } from "./live-import-events";
import { isRunning, showsRunning, sourceGroupsKeys, useSourceGroups } from "./source-groups-query";
import { TableSkeleton } from "./table-skeleton";
import type { SourceGroupJson, StartImportJson } from "@/lib/migration/wire";

const without = <T,>(set: ReadonlySet<T>, items: Iterable<T>) => {
  const next = new Set(set);
  for (const item of items) next.delete(item);
  return next;
};

/**
 * The importer's table (GitLab's import_table.vue): the source's groups a page at a time, a destination per row,
 * and the import, cancel and re-import actions. Statuses come from the server, so they are the same in any browser.
 */
export function ImportGroupsTable({ source, initialPerPage, defaultParent }: { source: string; initialPerPage: number; defaultParent?: ParentChoice }) {
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState(initialPerPage);
  const [search, setSearch] = useState("");
  // The groups come from the source: read again on connecting only when an import shown as running may have ended.
  const { connected: live } = useInvalidateOnImportEvents([sourceGroupsKeys.all], { catchUp: () => showsRunning(query.data) });
  const query = useSourceGroups({ source, page, perPage, search }, { live });
  const data = query.data;

  const [targets, setTargets] = useState<Record<number, RowTarget>>({});
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [reimport, setReimport] = useState<ReadonlySet<number>>(new Set());
  const [scheduling, setScheduling] = useState<ReadonlySet<number>>(new Set());
  const [serverErrors, setServerErrors] = useState<Record<number, RowServerError>>({});
  const [validity, setValidity] = useState<Record<number, RowValidity>>({});
  const [migrateMemberships, setMigrateMemberships] = useState(true);
  const [actionError, setActionError] = useState<string | null>(null);
  const start = useStartImports();
  const cancel = useCancelImport();

  const groups = useMemo(() => data?.groups ?? [], [data]);
  // Each new row gets its default target once, kept in state, so that it changes only when the user changes it.
  const untargeted = groups.filter((g) => !targets[g.id]);
  if (untargeted.length > 0) {
    setTargets((all) => {
      const next = { ...all };
      for (const g of untargeted) next[g.id] ??= { parent: defaultParent, path: g.path, pathTouched: false, attempted: false };
      return next;
    });
  }
  const targetOf = useCallback(
    (group: SourceGroupJson): RowTarget => targets[group.id] ?? { parent: defaultParent, path: group.path, pathTouched: false, attempted: false },
    [targets, defaultParent],
  );

  const modeOf = useCallback(
    (group: SourceGroupJson): RowMode => {
      const last = group.lastImport;
      if (!last) return "new";
      if (isRunning(last.status)) return "running";
      return reimport.has(group.id) ? "reimport" : "done";
    },
    [reimport],
  );

  const editableTargets = useMemo(
    () => groups.filter((g) => { const m = modeOf(g); return m === "new" || m === "reimport"; }).map((g) => ({ id: g.id, target: targetOf(g) })),
    [groups, modeOf, targetOf],
  );
  const othersOf = useMemo(() => {
    const map = new Map<number, ImportTarget[]>();
    for (const { id } of editableTargets) map.set(id, editableTargets.filter((o) => o.id !== id).map((o) => o.target));
    return map;
  }, [editableTargets]);

  const isBlocked = (group: SourceGroupJson) => {
    const target = targetOf(group);
    const v = validity[group.id];
    const visible = target.attempted || target.pathTouched || target.parent !== undefined;
    return Boolean((visible && v?.error) || serverErrors[group.id]?.blocking);
  };
  const selectableIds = groups.filter((g) => { const m = modeOf(g); return (m === "new" || m === "reimport") && !scheduling.has(g.id) && !isBlocked(g); }).map((g) => g.id);
  const selectedIds = selectableIds.filter((id) => selected.has(id));

  const onTargetChange = useCallback((id: number, target: RowTarget) => {
    setTargets((all) => ({ ...all, [id]: target }));
    setServerErrors((all) => (id in all ? Object.fromEntries(Object.entries(all).filter(([key]) => Number(key) !== id)) : all));
  }, []);
  const onValidity = useCallback((id: number, v: RowValidity) => setValidity((all) => ({ ...all, [id]: v })), []);
  const onSelectedChange = useCallback((id: number, on: boolean) => setSelected((s) => (on ? new Set(s).add(id) : without(s, [id]))), []);

  const resetPaging = (next: { page?: number; perPage?: number; search?: string }) => {
    setSelected(new Set());
    setActionError(null);
    if (next.perPage !== undefined) setPerPage(next.perPage);
    if (next.search !== undefined) setSearch(next.search);
    setPage(next.page ?? 1);
  };

  async function importGroups(ids: number[], migrateProjects: boolean) {
    setActionError(null);
    const rows = ids.map((id) => groups.find((g) => g.id === id)).filter((g): g is SourceGroupJson => g !== undefined);
    // Rows whose problems were not shown yet show them now; nothing is sent while any row is wrong.
    const wrong = rows.filter((g) => !targetOf(g).parent || validity[g.id]?.error || validity[g.id]?.checking);
    if (wrong.length > 0) {
      setTargets((all) => {
        const next = { ...all };
        for (const g of wrong) next[g.id] = { ...targetOf(g), attempted: true };
        return next;
      });
      return;
    }
    const requests: StartImportJson[] = rows.map((g) => {
      const target = targetOf(g);
      return { sourceFullPath: g.fullPath, destinationSlug: target.path, destinationNamespace: target.parent!.fullPath, migrateProjects, migrateMemberships };
    });
    setScheduling((s) => new Set([...s, ...ids]));
    setServerErrors((all) => Object.fromEntries(Object.entries(all).filter(([id]) => !ids.includes(Number(id)))));
    try {
      await start.mutateAsync(requests);
      setReimport((s) => without(s, ids));
      setSelected((s) => without(s, ids));
    } catch (error) {
      const errors: Record<number, RowServerError> = {};
      if (error instanceof HttpError && error.status === 429) {
        for (const id of ids) errors[id] = { message: TARGET_MESSAGES.rateLimited, blocking: false };
      } else if (error instanceof HttpError && typeof error.body?.index === "number" && ids[error.body.index] !== undefined) {
        const field = error.body.field;
        errors[ids[error.body.index]!] = { message: error.message, blocking: field === "destinationSlug" || field === "destinationNamespace" };
      } else {
        const message = error instanceof Error ? error.message : "Importing the group failed.";
        for (const id of ids) errors[id] = { message, blocking: false };
      }
      setServerErrors((all) => ({ ...all, ...errors }));
    } finally {
      setScheduling((s) => without(s, ids));
    }
  }

  const onImport = (id: number, migrateProjects: boolean) => void importGroups([id], migrateProjects);
  const onReimport = useCallback(
    (id: number) => {
      const group = groups.find((g) => g.id === id);
      const last = group?.lastImport;
      if (!group || !last) return;
      const parent: ParentChoice | undefined =
        last.destinationNamespace === "" ? { id: null, fullPath: "" } : last.destinationParentId !== null ? { id: last.destinationParentId, fullPath: last.destinationNamespace } : undefined;
      // The old destination is taken by the first import: the row says so, and the user picks a new path.
      setTargets((all) => ({ ...all, [id]: { parent, path: last.destinationSlug, pathTouched: true, attempted: true } }));
      setReimport((s) => new Set(s).add(id));
    },
    [groups],
  );
  const onCancel = (bulkImportId: number) => {
    setActionError(null);
    cancel.mutate(bulkImportId, { onError: (error) => setActionError(error.message) });
  };

  const allSelected = selectableIds.length > 0 && selectedIds.length === selectableIds.length;
  const someSelected = selectedIds.length > 0 && !allSelected;
  const selectionChecking = selectedIds.some((id) => validity[id]?.checking);
  const total = data?.total ?? null;
  const first = data && data.groups.length > 0 ? (data.page - 1) * data.perPage + 1 : 0;
  const last = first ? first + (data?.groups.length ?? 0) - 1 : 0;
  const notConnected = query.error instanceof HttpError && query.error.status === 409;

  return (
    <section aria-label="Groups to import" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <GroupsFilter value={search} onApply={(filter) => resetPaging({ search: filter })} />
        <SelectionBar
          count={selectedIds.length}
          disabled={selectionChecking || start.isPending}
          migrateMemberships={migrateMemberships}
          onMigrateMemberships={setMigrateMemberships}
          onImport={(migrateProjects) => void importGroups(selectedIds, migrateProjects)}
        />
      </div>

      {actionError ? <Alert tone="error">{actionError}</Alert> : null}
      {query.isError ? (
        <Alert tone="error" title={notConnected ? "Not connected" : data ? "The list could not be refreshed" : "The groups could not be listed"}>
          <p>{query.error.message}</p>
          <div className="mt-2">
            {notConnected ? (
              // A full load on purpose: the page reads the connection on the server. (The rule only began to see this
              // address as a page once the root catch-all of project paths existed.)
              // eslint-disable-next-line @next/next/no-html-link-for-pages
              <a href="/import/groups">Reload the page</a>
            ) : (
              <Button variant="secondary" size="sm" onClick={() => void query.refetch()}>
                Try again
              </Button>
            )}
          </div>
        </Alert>
      ) : null}

      {data && data.groups.length > 0 ? (
        <p className="text-sm text-gray-700">
          Showing {first}-{last} of {total === null ? "many" : total} {total === 1 ? "group" : "groups"} that you own
          {search ? <> matching filter &quot;{search}&quot;</> : null} from{" "}
          <a href={data.sourceUrl} target="_blank" rel="noopener noreferrer">
            {data.host}
          </a>
        </p>
      ) : null}

      <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
        <table className={`w-full min-w-[60rem] text-sm ${query.isPlaceholderData ? "opacity-60" : ""}`} aria-busy={query.isFetching && !data ? true : undefined}>
          <thead className="border-b border-gray-200 bg-gray-50 text-left text-xs font-semibold tracking-wide text-gray-600 uppercase">
            <tr>
              <th scope="col" className="w-10 py-2.5 pr-2 pl-4">
                <input
                  type="checkbox"
                  aria-label="Select all"
                  checked={allSelected}
                  ref={(el) => {
                    if (el) el.indeterminate = someSelected;
                  }}
                  disabled={selectableIds.length === 0}
                  onChange={(e) => setSelected(e.target.checked ? new Set(selectableIds) : new Set())}
                  className="h-4 w-4 rounded border-gray-300 text-brand-600"
                />
              </th>
              <th scope="col" className="w-[24%] px-3 py-2.5">
                Source group
              </th>
              <th scope="col" className="px-3 py-2.5">
                New group <span className="sr-only">(path of the new group)</span>
              </th>
              <th scope="col" className="w-40 px-3 py-2.5">
                Status
              </th>
              <th scope="col" className="w-60 py-2.5 pr-4 pl-3">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {query.isPending ? <TableSkeleton /> : null}
            {groups.map((group) => {
              const mode = modeOf(group);
              return (
                <ImportGroupRow
                  key={group.id}
                  group={group}
                  mode={mode}
                  target={targetOf(group)}
                  otherTargets={othersOf.get(group.id) ?? []}
                  scheduling={scheduling.has(group.id)}
                  serverError={serverErrors[group.id]}
                  selected={selected.has(group.id) && selectableIds.includes(group.id)}
                  selectable={selectableIds.includes(group.id)}
                  cancelling={cancel.isPending && cancel.variables === group.lastImport?.bulkImportId}
                  onTargetChange={onTargetChange}
                  onSelectedChange={onSelectedChange}
                  onValidity={onValidity}
                  onImport={onImport}
                  onReimport={onReimport}
                  onCancel={onCancel}
                />
              );
            })}
          </tbody>
        </table>
        {query.isPending ? <p role="status" className="sr-only">Loading groups…</p> : null}
        {data && data.groups.length === 0 ? (
          search ? (
            <EmptyState title="Sorry, your filter produced no results">To widen your search, change or remove filters above.</EmptyState>
          ) : (
            <EmptyState title="No groups found">You don&apos;t have the Owner role for any groups in this instance.</EmptyState>
          )
        ) : null}
      </div>

      {data && (data.groups.length > 0 || page > 1) ? (
        <PaginationBar
          page={page}
          totalPages={total === null ? null : Math.max(1, Math.ceil(total / perPage))}
          hasNextPage={data.hasNextPage}
          perPage={perPage}
          onPage={(p) => resetPaging({ page: p })}
          onPerPage={(n) => {
            rememberPerPage(n);
            resetPaging({ perPage: n });
          }}
        />
      ) : null}
    </section>
  );
}
