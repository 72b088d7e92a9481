import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { HumanStatus } from "@/lib/migration/wire";

/** GitLab's importer statuses, plus "Skipped" for a relation the source or the options left out. */
export type BadgeStatus = HumanStatus | "Skipped";

const TONES: Record<BadgeStatus, BadgeTone> = {
  "Not started": "neutral",
  Pending: "neutral",
  "Importing…": "info",
  Complete: "success",
  "Partially completed": "warning",
  Failed: "danger",
  Timeout: "danger",
  Cancelled: "neutral",
  Skipped: "neutral",
};

// GitLab's status icons (status-success, status-failed, ...), drawn small so that no icon font is needed.
const ICONS: Partial<Record<BadgeStatus, React.ReactNode>> = {
  "Not started": <circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeDasharray="2.5 2" />,
  Pending: (
    <>
      <circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M8 5v3.2l2 1.3" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </>
  ),
  Complete: <path d="M4.5 8.3l2.3 2.2 4.7-5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />,
  "Partially completed": (
    <>
      <path d="M8 2.5l6 10.5H2z" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
      <path d="M8 6.5v3M8 11.2v.1" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </>
  ),
  Failed: <path d="M5 5l6 6M11 5l-6 6" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />,
  Timeout: <path d="M5 5l6 6M11 5l-6 6" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />,
  Cancelled: <rect x="4.5" y="4.5" width="7" height="7" rx="1" fill="currentColor" />,
  Skipped: <path d="M4 4.5l4 3.5-4 3.5M8.5 4.5l4 3.5-4 3.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />,
};

function Spinner() {
  return (
    <svg viewBox="0 0 16 16" className="h-3 w-3 animate-spin motion-reduce:animate-none" aria-hidden="true">
      <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeOpacity="0.25" strokeWidth="2" />
      <path d="M14 8a6 6 0 0 0-6-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

/** An import's (or a relation's) status as GitLab shows it: coloured badge, icon, and a spinner while importing. */
export function StatusBadge({ status }: { status: BadgeStatus }) {
  const icon = ICONS[status];
  return (
    <Badge tone={TONES[status]}>
      <span className="inline-flex items-center gap-1 whitespace-nowrap">
        {status === "Importing…" ? (
          <Spinner />
        ) : icon ? (
          <svg viewBox="0 0 16 16" className="h-3 w-3" aria-hidden="true">
            {icon}
          </svg>
        ) : null}
        {status}
      </span>
    </Badge>
  );
}
