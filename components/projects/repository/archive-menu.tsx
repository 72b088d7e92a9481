"use client";

import { DropdownMenu } from "radix-ui";
import { ARCHIVE_FORMATS, archiveUrl } from "../project-urls";

/** GitLab's "Download source code" menu: the tree at `refName` as an archive in each format. */
export function ArchiveMenu({ fullPath, refName }: { fullPath: string; refName: string }) {
  const item = "block rounded px-3 py-1.5 text-sm text-gray-700 outline-none data-[highlighted]:bg-gray-100 data-[highlighted]:text-gray-900";
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="inline-flex h-8 items-center gap-1.5 rounded-md bg-white px-2.5 text-sm font-medium text-gray-900 shadow-xs ring-1 ring-inset ring-gray-300 hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-brand-600">
        <svg viewBox="0 0 16 16" className="h-4 w-4 text-gray-500" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
          <path d="M8 2v8m0 0 3-3m-3 3L5 7M2.5 11v1.5a1 1 0 0 0 1 1h9a1 1 0 0 0 1-1V11" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        Download
        <svg viewBox="0 0 16 16" className="h-4 w-4 text-gray-500" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
          <path d="m4 6 4 4 4-4" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className="z-50 min-w-48 rounded-md border border-gray-200 bg-white p-1 shadow-lg">
          <DropdownMenu.Label className="px-3 py-1.5 text-xs font-semibold text-gray-500">Download source code</DropdownMenu.Label>
          {ARCHIVE_FORMATS.map((format) => (
            <DropdownMenu.Item key={format} asChild className={item}>
              <a href={archiveUrl(fullPath, refName, format)} download>
                {format}
              </a>
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
