// Formatting for the import pages. Dates and "time ago" are formatted on the server and passed down as text, so that
// the browser shows exactly what was rendered (no hydration mismatch between the server's clock and time zone and the
// browser's); offsets and durations are the same anywhere.

const absolute = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const counts = new Intl.NumberFormat("en");

/** "just now", "5 minutes ago", "yesterday", as GitLab's TimeAgo reads: one wording for every page. */
export { timeAgoText as timeAgo } from "@/components/ui/time-ago";

export function formatDateTime(date: Date): string {
  return `${absolute.format(date)} UTC`;
}

/** "850 ms", "42 s", "3 min 5 s", "2 h 7 min". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : counts.format(value);
}

/** "0:00", "1:30", "1:02:03": an offset from the start of an import. */
export function formatOffset(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}` : `${m}:${String(s).padStart(2, "0")}`;
}
