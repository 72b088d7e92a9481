/**
 * GitLab's human durations for time tracking (`1w 2d 3h 4m`): a week of five days and a day of eight hours, as its
 * ChronicDuration settings; null for nothing.
 */
function humanDuration(seconds: number): string | null {
  if (seconds <= 0) return null;
  const units: [string, number][] = [["mo", 4 * 5 * 8 * 3600], ["w", 5 * 8 * 3600], ["d", 8 * 3600], ["h", 3600], ["m", 60], ["s", 1]];
  let left = seconds;
  const parts: string[] = [];
  for (const [name, size] of units) {
    const count = Math.floor(left / size);
    if (count > 0) parts.push(`${count}${name}`);
    left -= count * size;
  }
  return parts.join(" ");
}

/** GitLab's `time_stats` of an issue or a merge request: its estimate and the sum of its timelogs, in seconds and human. */
export function timeStatsEntity(timeEstimate: number, totalTimeSpent: number) {
  return {
    time_estimate: timeEstimate,
    total_time_spent: totalTimeSpent,
    human_time_estimate: humanDuration(timeEstimate),
    human_total_time_spent: humanDuration(totalTimeSpent),
  };
}
