/** GitLab marks groups and projects with an icon in its import tables; these are drawn inline, no icon font. */
export function EntityIcon({ type }: { type: "group" | "project" }) {
  return (
    <svg viewBox="0 0 16 16" className="mt-0.5 h-4 w-4 shrink-0 text-gray-500" role="img" aria-label={type === "group" ? "Group" : "Project"}>
      <title>{type === "group" ? "Group" : "Project"}</title>
      {type === "group" ? (
        <>
          <circle cx="5" cy="6" r="2" fill="none" stroke="currentColor" strokeWidth="1.4" />
          <circle cx="11" cy="6" r="2" fill="none" stroke="currentColor" strokeWidth="1.4" />
          <path d="M1.8 13c.4-2 1.7-3 3.2-3s2.8 1 3.2 3M7.8 13c.4-2 1.7-3 3.2-3s2.8 1 3.2 3" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
        </>
      ) : (
        <>
          <rect x="2.5" y="2.5" width="11" height="11" rx="2" fill="none" stroke="currentColor" strokeWidth="1.4" />
          <path d="M5.5 6h5M5.5 8.5h5M5.5 11h3" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
        </>
      )}
    </svg>
  );
}

export function ExternalIcon() {
  return (
    <svg viewBox="0 0 16 16" className="h-3 w-3 shrink-0" aria-hidden="true">
      <path d="M9 2.5h4.5V7M13.5 2.5L7 9M11 9.5v3a1 1 0 0 1-1 1H3.5a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1h3" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
