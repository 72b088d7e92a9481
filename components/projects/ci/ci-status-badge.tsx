import { Badge, type BadgeTone } from "@/components/ui/badge";
import { ciStatusLabel } from "@/lib/projects/ci-status";

const TONES: Record<string, BadgeTone> = { success: "success", failed: "danger", running: "info", pending: "warning", canceled: "neutral", canceling: "neutral", skipped: "neutral", manual: "neutral", created: "neutral", scheduled: "info" };

/** A pipeline's, stage's or job's status as GitLab names it ("Passed", "Failed"...), coloured by its group. */
export function CiStatusBadge({ status, prefix }: { status: string | null; prefix?: string }) {
  const { text } = ciStatusLabel(status);
  return <Badge tone={(status && TONES[status]) || "neutral"}>{prefix ? `${prefix}: ${text.toLowerCase()}` : text}</Badge>;
}
