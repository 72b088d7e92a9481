/** The icon of a tree entry: a folder, a file, a symbolic link or a submodule. Decorative: the row says what it is. */
export function EntryIcon({ type, mode }: { type: "tree" | "blob" | "commit"; mode: string }) {
  const common = { viewBox: "0 0 16 16", className: "h-4 w-4 shrink-0", fill: "none", stroke: "currentColor", strokeWidth: 1.4, "aria-hidden": true } as const;
  if (type === "tree") {
    return (
      <svg {...common} className="h-4 w-4 shrink-0 text-gray-500">
        <path d="M1.75 3.5a1 1 0 0 1 1-1h3.3l1.5 1.5h5.7a1 1 0 0 1 1 1v7.25a1 1 0 0 1-1 1H2.75a1 1 0 0 1-1-1z" fill="currentColor" fillOpacity="0.15" strokeLinejoin="round" />
      </svg>
    );
  }
  if (type === "commit") {
    return (
      <svg {...common} className="h-4 w-4 shrink-0 text-gray-500">
        <rect x="2" y="2.5" width="12" height="11" rx="1.5" />
        <path d="M5 6h6M5 8.5h6M5 11h3" strokeLinecap="round" />
      </svg>
    );
  }
  if (mode === "120000") {
    return (
      <svg {...common} className="h-4 w-4 shrink-0 text-gray-500">
        <path d="M6.5 9.5 9.5 6.5M7 4.5l1-1a2.5 2.5 0 0 1 3.5 3.5l-1 1M9 11.5l-1 1A2.5 2.5 0 0 1 4.5 9l1-1" strokeLinecap="round" />
      </svg>
    );
  }
  return (
    <svg {...common} className="h-4 w-4 shrink-0 text-gray-500">
      <path d="M4 1.75h5l3.25 3.25v8.25a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V2.75a1 1 0 0 1 1-1z" strokeLinejoin="round" />
      <path d="M9 1.75V5h3.25" strokeLinejoin="round" />
    </svg>
  );
}
