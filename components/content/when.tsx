import { formatDateTime, timeAgo } from "./format";

/** A moment as the issuable pages show it: "3 days ago", the exact date and time (UTC) on hover. */
export function When({ date, className }: { date: Date; className?: string }) {
  return (
    <time dateTime={date.toISOString()} title={formatDateTime(date)} className={className}>
      {timeAgo(date)}
    </time>
  );
}
