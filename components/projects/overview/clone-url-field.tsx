"use client";

import { useId } from "react";
import { CopyButton } from "@/components/ui/copy-button";

/** A clone address to read and copy: a read-only field (selected whole on focus) and its Copy button. */
export function CloneUrlField({ url, label = "Clone with HTTPS", compact = false, inline = false }: { url: string; label?: string; compact?: boolean; inline?: boolean }) {
  const id = useId();
  if (inline) {
    // In a toolbar: the label is for screen readers, the field says what it is ("HTTPS" before it).
    return (
      <div className="flex items-center">
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <span aria-hidden="true" className="flex h-8 items-center rounded-l-md bg-gray-50 px-2 text-xs font-medium text-gray-600 ring-1 ring-inset ring-gray-300">
          HTTPS
        </span>
        <input
          id={id}
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          className="-ml-px block h-8 w-80 min-w-0 border-0 bg-white px-2.5 font-mono text-xs text-gray-900 ring-1 ring-inset ring-gray-300 focus:z-10 focus:ring-2 focus:ring-brand-600 focus:outline-none"
        />
        <CopyButton value={url} label="Copy URL" className="-ml-px h-8 min-w-8 rounded-l-none" />
      </div>
    );
  }
  return (
    <div>
      <label htmlFor={id} className={compact ? "block text-xs font-semibold text-gray-700" : "block text-sm font-medium text-gray-900"}>
        {label}
      </label>
      <div className="mt-1 flex items-center gap-1">
        <input
          id={id}
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          className="block h-8 w-full min-w-0 flex-1 rounded-md border-0 bg-gray-50 px-2.5 font-mono text-xs text-gray-900 ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-brand-600 focus:outline-none"
        />
        <CopyButton value={url} label="Copy URL" className="h-8 min-w-8" />
      </div>
    </div>
  );
}
