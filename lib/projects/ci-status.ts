/**
 * How GitLab names a CI status to people (its detailed status: "Passed", "Failed"...) and the icon group it draws
 * it with. Browser-safe: the pipeline pages' badges use it as the API's detailed_status does.
 */
const LABELS: Record<string, { text: string; label: string; group: string }> = {
  created: { text: "Created", label: "created", group: "created" },
  waiting_for_resource: { text: "Waiting", label: "waiting for resource", group: "waiting-for-resource" },
  preparing: { text: "Preparing", label: "preparing", group: "preparing" },
  waiting_for_callback: { text: "Waiting", label: "waiting for callback", group: "waiting-for-callback" },
  pending: { text: "Pending", label: "pending", group: "pending" },
  running: { text: "Running", label: "running", group: "running" },
  success: { text: "Passed", label: "passed", group: "success" },
  failed: { text: "Failed", label: "failed", group: "failed" },
  canceling: { text: "Canceling", label: "canceling", group: "canceling" },
  canceled: { text: "Canceled", label: "canceled", group: "canceled" },
  skipped: { text: "Skipped", label: "skipped", group: "skipped" },
  manual: { text: "Manual", label: "manual action", group: "manual" },
  scheduled: { text: "Scheduled", label: "scheduled", group: "scheduled" },
};

export function ciStatusLabel(status: string | null): { text: string; label: string; group: string } {
  return (status && LABELS[status]) || { text: status ? status[0]!.toUpperCase() + status.slice(1) : "Unknown", label: status ?? "unknown", group: status ?? "unknown" };
}

/** A duration as GitLab's pipelines list writes it: `00:01:35`. */
export function ciDuration(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return null;
  const whole = Math.round(seconds);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(whole / 3600))}:${pad(Math.floor((whole % 3600) / 60))}:${pad(whole % 60)}`;
}
