"use client";

import { Command } from "cmdk";
import { Popover } from "radix-ui";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import type { RefNames } from "@/lib/repositories";
import { blobUrl, commitsUrl, treeUrl } from "../project-urls";

export type RefTarget = "tree" | "blob" | "commits";

const item =
  "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm text-gray-800 outline-none data-[selected=true]:bg-brand-50 data-[selected=true]:text-brand-700";

const hrefOf = (target: RefTarget, fullPath: string, ref: string, path: string) =>
  target === "blob" ? blobUrl(fullPath, ref, path) : target === "commits" ? commitsUrl(fullPath, ref, path || undefined) : treeUrl(fullPath, ref, path || undefined);

function Check({ shown }: { shown: boolean }) {
  return (
    <svg viewBox="0 0 16 16" className={`h-4 w-4 shrink-0 ${shown ? "text-brand-600" : "invisible"}`} fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <path d="m3.5 8.5 3 3 6-7" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/**
 * GitLab's ref switcher: the current branch, tag or commit opens a searchable list of branches and tags (Radix Popover
 * + cmdk: combobox, listbox, arrow keys, Enter); choosing one opens the same page (`target`) at that ref, same path.
 * The first names come with the page; typing asks the server (`search`), which matches GitLab's way (`^prefix`,
 * `suffix$`, substring).
 */
export function RefSwitcher({
  fullPath,
  refName,
  target,
  path,
  initial,
  search,
}: {
  fullPath: string;
  refName: string;
  target: RefTarget;
  path: string;
  initial: RefNames;
  search: (fullPath: string, search: string) => Promise<RefNames>;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<{ query: string; names: RefNames } | null>(null);
  const [navigating, startNavigation] = useTransition();
  const typed = query.trim();

  useEffect(() => {
    if (!typed) return;
    let current = true;
    const timer = setTimeout(() => {
      search(fullPath, typed).then(
        (names) => current && setFound({ query: typed, names }),
        () => current && setFound({ query: typed, names: { branches: [], tags: [], branchTotal: 0, tagTotal: 0 } }),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [typed, fullPath, search]);

  const answered = !typed || found?.query === typed;
  const names = !typed ? initial : (found?.names ?? initial);
  const filter = (list: string[]) => (answered ? list : list.filter((name) => name.toLowerCase().includes(typed.toLowerCase())));
  const branches = filter(names.branches);
  const tags = filter(names.tags);
  const choose = (ref: string) => {
    setOpen(false);
    setQuery("");
    if (ref !== refName) startNavigation(() => router.push(hrefOf(target, fullPath, ref, path)));
  };
  const heading = (text: string, shown: number, total: number) => (
    <span className="flex justify-between px-2 pt-2 pb-1 text-xs font-semibold text-gray-500">
      {text}
      {answered && total > shown ? <span className="font-normal">{`${shown} of ${total}: search for more`}</span> : null}
    </span>
  );

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger
        aria-label={`Switch branch or tag (current: ${refName})`}
        aria-busy={navigating || undefined}
        className="inline-flex h-8 max-w-64 items-center gap-1.5 rounded-md bg-white px-2.5 text-sm text-gray-900 shadow-xs ring-1 ring-inset ring-gray-300 hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        <svg viewBox="0 0 16 16" className="h-4 w-4 shrink-0 text-gray-500" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
          <circle cx="4.5" cy="3.5" r="1.75" />
          <circle cx="4.5" cy="12.5" r="1.75" />
          <circle cx="11.5" cy="5.5" r="1.75" />
          <path d="M4.5 5.25v5.5M11.5 7.25c0 2.5-3 2.5-6.5 4" />
        </svg>
        <span className="truncate font-mono text-xs" title={refName}>
          {refName.length === 40 || refName.length === 64 ? refName.slice(0, 8) : refName}
        </span>
        <svg viewBox="0 0 16 16" className="h-4 w-4 shrink-0 text-gray-500" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
          <path d="m4 6 4 4 4-4" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="start" sideOffset={4} className="z-50 w-80 rounded-md border border-gray-200 bg-white p-1 shadow-lg">
          <p className="border-b border-gray-100 px-2 pt-1 pb-2 text-center text-sm font-semibold text-gray-900">Switch branch/tag</p>
          <Command shouldFilter={false} label="Search branches and tags" loop className="pt-1">
            <Command.Input
              value={query}
              onValueChange={setQuery}
              placeholder="Search by Git revision"
              className="mb-1 w-full rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-brand-600 focus:outline-none"
            />
            <Command.List label="Branches and tags" aria-busy={!answered} className="max-h-72 overflow-y-auto">
              {branches.length === 0 && tags.length === 0 ? (
                <p className="px-2 py-3 text-center text-sm text-gray-500">{answered ? "No matching results" : "Searching…"}</p>
              ) : null}
              {branches.length > 0 ? (
                <Command.Group heading={heading("Branches", names.branches.length, names.branchTotal)}>
                  {branches.map((name) => (
                    <Command.Item key={`b:${name}`} value={`b:${name}`} onSelect={() => choose(name)} className={item}>
                      <Check shown={name === refName} />
                      <span className="truncate" title={name}>
                        {name}
                      </span>
                    </Command.Item>
                  ))}
                </Command.Group>
              ) : null}
              {tags.length > 0 ? (
                <Command.Group heading={heading("Tags", names.tags.length, names.tagTotal)}>
                  {tags.map((name) => (
                    <Command.Item key={`t:${name}`} value={`t:${name}`} onSelect={() => choose(name)} className={item}>
                      <Check shown={name === refName} />
                      <span className="truncate" title={name}>
                        {name}
                      </span>
                    </Command.Item>
                  ))}
                </Command.Group>
              ) : null}
            </Command.List>
          </Command>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
