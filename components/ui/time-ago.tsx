// Relative times are written on the server and sent as text, so that the browser shows what was rendered (no
// hydration mismatch between clocks); the exact time is in the title and the datetime attribute.

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const absolute = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "just now", "5 minutes ago", "yesterday", "3 years ago", as GitLab's time-ago reads. */
export function timeAgoText(date: Date, now: Date = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return "just now";
  for (const [unit, size] of UNITS) if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  return relative.format(Math.round(seconds / 60), "minute");
}

/** `<time>` with the relative text, and the date and time (UTC) on hover. */
export function TimeAgo({ date, className }: { date: string | Date; className?: string }) {
  const at = typeof date === "string" ? new Date(date) : date;
  if (Number.isNaN(at.getTime())) return null;
  return (
    <time dateTime={at.toISOString()} title={`${absolute.format(at)} UTC`} className={className}>
      {timeAgoText(at)}
    </time>
  );
}
