"use client";

import { useEffect, useState } from "react";

/**
 * A small button that copies `value` (a commit id, a file path) to the clipboard and says so for a moment; screen
 * readers hear its label, then "Copied".
 */
export function CopyButton({ value, label, className = "" }: { value: string; label: string; className?: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <button
      type="button"
      title={label}
      aria-label={copied ? `${label}: copied` : label}
      onClick={async () => {
        await navigator.clipboard?.writeText(value);
        setCopied(true);
      }}
      className={`inline-flex h-7 min-w-7 items-center justify-center rounded-md px-1.5 text-gray-600 ring-1 ring-inset ring-gray-300 hover:bg-gray-50 hover:text-gray-900 focus-visible:outline-2 focus-visible:outline-brand-600 ${className}`}
    >
      {copied ? (
        <span className="text-xs font-medium text-green-700" role="status">
          Copied
        </span>
      ) : (
        <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.5">
          <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
          <path d="M10.5 3.5v-1a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h1" />
        </svg>
      )}
    </button>
  );
}
