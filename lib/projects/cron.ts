import parser from "cron-parser";

/**
 * The next time a pipeline schedule's cron fires after `after`, in its time zone (GitLab's Gitlab::Ci::CronParser);
 * null when the cron or the zone is not one GitLab would accept.
 */
export function nextCronRun(cron: string, timezone: string, after: Date = new Date()): Date | null {
  if (cron.trim().split(/\s+/).length !== 5) return null;
  try {
    return parser.parseExpression(cron, { tz: timezone, currentDate: after }).next().toDate();
  } catch {
    return null;
  }
}
