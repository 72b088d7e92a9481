"use client";

import { DropdownMenu } from "radix-ui";
import Link from "next/link";

export interface BoardLink {
  id: number;
  name: string;
  href: string;
}

/**
 * GitLab's board switcher: the current board's name opens the list of the group's boards, each a link. Epic boards,
 * when the group has any, are listed in a section of their own (`epic` says which kind the current board is).
 */
export function BoardSwitcher({ boards, currentId, epicBoards = [], epic = false }: { boards: BoardLink[]; currentId: number; epicBoards?: BoardLink[]; epic?: boolean }) {
  const current = (epic ? epicBoards : boards).find((b) => b.id === currentId);
  const sections = [
    { title: epicBoards.length > 0 ? "Issue boards" : "Boards", links: boards, epic: false },
    { title: "Epic boards", links: epicBoards, epic: true },
  ].filter((section) => section.links.length > 0);
  const item = "block w-full cursor-pointer truncate rounded px-3 py-2 text-left text-sm text-gray-700 outline-none data-[highlighted]:bg-gray-100";
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className="inline-flex max-w-80 items-center gap-2 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-gray-900 shadow-xs ring-1 ring-inset ring-gray-300 hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-brand-600"
        aria-label={`Switch board (current: ${current?.name ?? "none"})`}
      >
        <span className="truncate">{current?.name}</span>
        <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4 shrink-0 text-gray-500">
          <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="start" sideOffset={6} className="z-50 max-h-80 min-w-56 overflow-y-auto rounded-md border border-gray-200 bg-white p-1 shadow-lg">
          {sections.map((section, index) => (
            <DropdownMenu.Group key={section.title}>
              {index > 0 ? <DropdownMenu.Separator className="my-1 h-px bg-gray-200" /> : null}
              <DropdownMenu.Label className="px-3 py-1.5 text-xs font-medium uppercase tracking-wide text-gray-500">{section.title}</DropdownMenu.Label>
              {section.links.map((board) => {
                const isCurrent = section.epic === epic && board.id === currentId;
                return (
                  <DropdownMenu.Item key={board.id} asChild className={`${item} ${isCurrent ? "font-semibold text-gray-900" : ""}`}>
                    <Link href={board.href} aria-current={isCurrent ? "page" : undefined}>
                      {board.name}
                    </Link>
                  </DropdownMenu.Item>
                );
              })}
            </DropdownMenu.Group>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
