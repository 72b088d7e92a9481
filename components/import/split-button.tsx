"use client";

import { DropdownMenu } from "radix-ui";

const base =
  "inline-flex items-center justify-center bg-white text-sm font-medium text-brand-700 ring-1 ring-inset ring-brand-500 hover:bg-brand-50 focus-visible:relative focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:cursor-not-allowed disabled:text-gray-400 disabled:ring-gray-300 disabled:hover:bg-white";

/** GitLab's split import button: the main choice, and the other behind a chevron menu (Radix DropdownMenu). */
export function SplitButton({
  label,
  menuLabel,
  onMain,
  onMenu,
  disabled = false,
  menuAriaLabel = "Import options",
}: {
  label: string;
  menuLabel: string;
  onMain: () => void;
  onMenu: () => void;
  disabled?: boolean;
  menuAriaLabel?: string;
}) {
  return (
    <div role="group" className="inline-flex shrink-0 rounded-md shadow-xs">
      <button type="button" className={`${base} whitespace-nowrap rounded-l-md px-3 py-1.5`} disabled={disabled} onClick={onMain}>
        {label}
      </button>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger className={`${base} -ml-px rounded-r-md px-2 py-1.5`} disabled={disabled} aria-label={menuAriaLabel}>
          <svg viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
            <path d="m4 6 4 4 4-4" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content align="end" sideOffset={4} className="z-50 min-w-48 rounded-md border border-gray-200 bg-white p-1 shadow-lg">
            <DropdownMenu.Item
              onSelect={onMenu}
              className="cursor-pointer rounded px-3 py-2 text-sm text-gray-700 outline-none data-[highlighted]:bg-gray-100"
            >
              {menuLabel}
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
    </div>
  );
}
