// Dates of epics and notes are formatted on the server, in UTC, so the page reads the same wherever it is opened.
export { formatDateTime, timeAgo } from "@/components/import/history/format";

const day = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/** "Jan 5, 2020" for a calendar date ("2020-01-05") or a moment. */
export function formatDay(value: string | Date): string {
  return day.format(typeof value === "string" ? new Date(`${value}T00:00:00Z`) : value);
}

/** An epic's span as its list row shows it: "Jan 1, 2020 – Dec 31, 2020", "Starts …", "Due …", or nothing. */
export function formatSpan(start: string | null, due: string | null): string | null {
  if (start && due) return `${formatDay(start)} – ${formatDay(due)}`;
  if (start) return `Starts ${formatDay(start)}`;
  if (due) return `Due ${formatDay(due)}`;
  return null;
}
