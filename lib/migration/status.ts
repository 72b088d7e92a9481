/** GitLab's numeric states (BulkImport, Entity, BatchTracker), so the API answers with the same names. */
export const STATUS = { created: 0, started: 1, finished: 2, timeout: 3, failed: -1, canceled: -2 } as const;
export type StatusName = keyof typeof STATUS;

/** Trackers have their own numbering in GitLab. */
export const TRACKER_STATUS = { created: 0, started: 1, finished: 2, enqueued: 3, timeout: 4, failed: -1, skipped: -2, canceled: -3 } as const;
export type TrackerStatusName = keyof typeof TRACKER_STATUS;

const NAMES = Object.fromEntries(Object.entries(STATUS).map(([name, value]) => [value, name])) as Record<number, StatusName>;
const TRACKER_NAMES = Object.fromEntries(Object.entries(TRACKER_STATUS).map(([name, value]) => [value, name])) as Record<number, TrackerStatusName>;

export const statusName = (value: number): StatusName => NAMES[value] ?? "created";
export const trackerStatusName = (value: number): TrackerStatusName => TRACKER_NAMES[value] ?? "created";

export const TERMINAL: readonly number[] = [STATUS.finished, STATUS.timeout, STATUS.failed, STATUS.canceled];
export const TRACKER_TERMINAL: readonly number[] = [TRACKER_STATUS.finished, TRACKER_STATUS.timeout, TRACKER_STATUS.failed, TRACKER_STATUS.skipped, TRACKER_STATUS.canceled];
export const isTerminal = (status: number) => TERMINAL.includes(status);

/** The badge a user sees, as GitLab's importer labels them. */
export type HumanStatus = "Not started" | "Pending" | "Importing…" | "Complete" | "Partially completed" | "Failed" | "Timeout" | "Cancelled";

export function humanStatus(status: number | null | undefined, hasFailures = false): HumanStatus {
  switch (status) {
    case undefined:
    case null:
      return "Not started";
    case STATUS.created:
      return "Pending";
    case STATUS.started:
      return "Importing…";
    case STATUS.finished:
      return hasFailures ? "Partially completed" : "Complete";
    case STATUS.timeout:
      return "Timeout";
    case STATUS.canceled:
      return "Cancelled";
    default:
      return "Failed";
  }
}
