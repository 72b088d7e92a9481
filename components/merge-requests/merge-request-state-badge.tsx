import { Badge } from "@/components/ui/badge";

const STATES: Record<string, [string, "success" | "info" | "danger" | "neutral"]> = {
  opened: ["Open", "success"],
  locked: ["Open", "success"],
  merged: ["Merged", "info"],
  closed: ["Closed", "danger"],
};

/** GitLab's state pill of a merge request: Open (green), Merged (blue), Closed (red). */
export function MergeRequestStateBadge({ state }: { state: string }) {
  const [label, tone] = STATES[state] ?? [state, "neutral" as const];
  return <Badge tone={tone}>{label}</Badge>;
}
