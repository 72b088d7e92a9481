"use client";

import { Command } from "cmdk";
import { Popover } from "radix-ui";
import { useEffect, useState } from "react";
import { useDebouncedValue } from "@/components/import/use-debounced-value";

export interface PickedUser {
  id: number;
  username: string;
  name: string;
}

const item =
  "flex cursor-pointer flex-col rounded px-2 py-1.5 text-sm text-gray-800 outline-none data-[selected=true]:bg-brand-50 data-[selected=true]:text-brand-700";

/**
 * Searchable picker of a real account (Radix Popover + cmdk for the combobox roles and focus handling); the search
 * runs on the server through `search`, so every account is reachable however many there are.
 */
export function UserPicker({
  label,
  value,
  onChange,
  search,
}: {
  label: string;
  value: PickedUser | null;
  onChange: (user: PickedUser) => void;
  search: (query: string) => Promise<PickedUser[]>;
}) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const debounced = useDebouncedValue(query.trim(), 200);
  const [found, setFound] = useState<{ query: string; users: PickedUser[] } | null>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    search(debounced).then(
      (users) => live && setFound({ query: debounced, users }),
      () => live && setFound({ query: debounced, users: [] }),
    );
    return () => {
      live = false;
    };
  }, [debounced, open, search]);

  const shown = value ? `${value.name} (@${value.username})` : "Select user";
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger
        aria-label={`${label}: ${shown}`}
        className="flex h-9 w-64 min-w-0 items-center justify-between gap-1 rounded-md bg-white px-2.5 text-left text-sm shadow-xs ring-1 ring-inset ring-gray-300 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        <span className={`truncate ${value ? "text-gray-900" : "text-gray-500"}`}>{shown}</span>
        <svg viewBox="0 0 16 16" className="h-4 w-4 shrink-0 text-gray-500" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
          <path d="m4 6 4 4 4-4" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="start" sideOffset={4} className="z-50 w-80 rounded-md border border-gray-200 bg-white p-1 shadow-lg">
          <Command shouldFilter={false} label="Search users" loop>
            <Command.Input
              value={query}
              onValueChange={setQuery}
              placeholder="Search by username or name"
              className="mb-1 w-full rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-brand-600 focus:outline-none"
            />
            <Command.List label="Users" className="max-h-64 overflow-y-auto">
              {found === null || found.query !== debounced ? (
                <Command.Loading>
                  <span className="block px-2 py-1.5 text-sm text-gray-500">Searching…</span>
                </Command.Loading>
              ) : null}
              {found?.query === debounced && found.users.length === 0 ? <p className="px-2 py-1.5 text-sm text-gray-500">No matching users</p> : null}
              {found?.users.map((user) => (
                <Command.Item
                  key={user.id}
                  value={String(user.id)}
                  onSelect={() => {
                    onChange(user);
                    setOpen(false);
                    setQuery("");
                  }}
                  className={item}
                >
                  <span className="font-medium">{user.name}</span>
                  <span className="text-xs text-gray-500">@{user.username}</span>
                </Command.Item>
              ))}
            </Command.List>
          </Command>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
