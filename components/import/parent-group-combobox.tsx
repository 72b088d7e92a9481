"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Command } from "cmdk";
import { Popover } from "radix-ui";
import { useState } from "react";
import { TOP_LEVEL, type ParentChoice } from "@/lib/sources/target-rules";
import { getNamespacesQueryOptions } from "./namespaces-query";
import { useDebouncedValue } from "./use-debounced-value";

const ROOT_VALUE = "__no_parent__";
const item =
  "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm text-gray-800 outline-none data-[selected=true]:bg-brand-50 data-[selected=true]:text-brand-700";

function Chevron() {
  return (
    <svg viewBox="0 0 16 16" className="h-4 w-4 shrink-0 text-gray-500" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
      <path d="m4 6 4 4 4-4" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/** What the server's search matches (lib/sources/destinations.ts): the full path or name, case-insensitively. */
const matches = (group: { fullPath: string; fullName: string }, search: string) => {
  const needle = search.toLowerCase();
  return group.fullPath.toLowerCase().includes(needle) || group.fullName.toLowerCase().includes(needle);
};

/**
 * Searchable picker of the destination parent (GitLab's import target dropdown): "No parent" for a top-level group,
 * then the groups the user may create subgroups in, searched on the server. Radix Popover + cmdk give the focus
 * handling and the combobox/listbox roles.
 *
 * While the answer for what is typed is on its way (the debounce, then the request), the list keeps the groups of the
 * last answer that match the search, instead of being replaced by a loading line: an option the user sees stays in
 * place (same key, same element) when the answer arrives, so a click on it is never lost to a re-render. The list is
 * aria-busy until the shown groups are the answer for what is typed.
 */
export function ParentGroupCombobox({
  value,
  onChange,
  label,
  disabled = false,
  invalid = false,
  describedBy,
}: {
  value: ParentChoice | undefined;
  onChange: (parent: ParentChoice) => void;
  /** Names the control for screen readers, e.g. "Parent group for gitlab-org". */
  label: string;
  disabled?: boolean;
  invalid?: boolean;
  describedBy?: string;
}) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const typed = search.trim();
  const debouncedSearch = useDebouncedValue(typed, 250);
  const namespaces = useQuery({ ...getNamespacesQueryOptions(debouncedSearch), enabled: open, placeholderData: keepPreviousData });
  const answered = debouncedSearch === typed && !namespaces.isPlaceholderData;
  const groups = answered ? namespaces.data : namespaces.data?.filter((group) => matches(group, typed));
  const busy = !answered || namespaces.isFetching;
  const shown = value === undefined ? "Select parent group" : value.fullPath === "" ? "No parent" : value.fullPath;
  const choose = (parent: ParentChoice) => {
    onChange(parent);
    setOpen(false);
    setSearch("");
  };

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger
        disabled={disabled}
        aria-label={`${label}: ${shown}`}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className={`flex h-9 w-full min-w-0 items-center justify-between gap-1 rounded-md bg-white px-2.5 text-left text-sm shadow-xs ring-1 ring-inset focus-visible:outline-2 focus-visible:outline-brand-600 disabled:cursor-not-allowed disabled:bg-gray-50 disabled:text-gray-500 ${
          invalid ? "ring-red-500" : "ring-gray-300"
        }`}
      >
        <span className={`truncate ${value === undefined ? "text-gray-500" : "text-gray-900"}`} title={shown}>
          {shown}
        </span>
        <Chevron />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="start" sideOffset={4} className="z-50 w-80 rounded-md border border-gray-200 bg-white p-1 shadow-lg">
          <Command shouldFilter={false} label="Search parent groups" loop>
            <Command.Input
              value={search}
              onValueChange={setSearch}
              placeholder="Search groups"
              className="mb-1 w-full rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-brand-600 focus:outline-none"
            />
            <Command.List label="Parent groups" aria-busy={busy} className="max-h-64 overflow-y-auto">
              <Command.Group heading={<span className="sr-only">Parent</span>}>
                <Command.Item value={ROOT_VALUE} onSelect={() => choose(TOP_LEVEL)} className={item}>
                  No parent
                </Command.Item>
              </Command.Group>
              <Command.Group heading={<span className="block px-2 pt-2 pb-1 text-xs font-semibold text-gray-500">Groups</span>}>
                {namespaces.isError ? (
                  <p role="alert" className="px-2 py-1.5 text-sm text-red-600">
                    Requesting namespaces failed
                  </p>
                ) : !groups?.length && busy ? (
                  <Command.Loading>
                    <span className="block px-2 py-1.5 text-sm text-gray-500">Loading groups…</span>
                  </Command.Loading>
                ) : groups?.length === 0 ? (
                  <p className="px-2 py-1.5 text-sm text-gray-500">No matching groups</p>
                ) : null}
                {groups?.map((group) => (
                  <Command.Item key={group.id} value={String(group.id)} onSelect={() => choose({ id: group.id, fullPath: group.fullPath })} className={item}>
                    <span className="truncate" title={group.fullName}>
                      {group.fullPath}
                    </span>
                  </Command.Item>
                ))}
              </Command.Group>
            </Command.List>
          </Command>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
