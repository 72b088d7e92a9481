"use client";

import { Popover } from "radix-ui";
import { useId } from "react";
import { ARCHIVE_FORMATS, archiveUrl } from "../project-urls";
import { CloneUrlField } from "./clone-url-field";

/**
 * GitLab's "Code" button on a project's overview: the HTTPS clone address to copy, and the default branch's source
 * code as an archive. A popover rather than a menu, since it holds a field as well as links.
 */
export function CodeDropdown({ fullPath, cloneUrl, refName }: { fullPath: string; cloneUrl: string; refName: string }) {
  const downloadId = useId();
  return (
    <Popover.Root>
      <Popover.Trigger className="inline-flex h-8 items-center gap-1.5 rounded-md bg-brand-600 px-3 text-sm font-medium text-white shadow-xs hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600">
        Code
        <svg viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
          <path d="m4 6 4 4 4-4" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="end" sideOffset={4} aria-label="Clone or download" className="z-50 w-[26rem] max-w-[calc(100vw-2rem)] rounded-md border border-gray-200 bg-white p-3 shadow-lg">
          <CloneUrlField url={cloneUrl} compact />
          <div className="mt-3 border-t border-gray-100 pt-3">
            <p className="text-xs font-semibold text-gray-700" id={downloadId}>
              Download source code
            </p>
            <ul aria-labelledby={downloadId} className="mt-1 flex gap-2">
              {ARCHIVE_FORMATS.map((format) => (
                <li key={format}>
                  <a
                    href={archiveUrl(fullPath, refName, format)}
                    download
                    className="inline-block rounded-md px-2.5 py-1 text-sm text-gray-800 ring-1 ring-inset ring-gray-300 hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-brand-600"
                  >
                    {format}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
