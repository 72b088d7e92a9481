import { Badge } from "@/components/ui/badge";

type Tone = "success" | "info" | "danger" | "warning" | "neutral";

// GitLab badges a closed merge request red (it was given up) but a closed epic or issue blue (it is done), and shows
// a locked merge request (being merged) as Open.
const ISSUE: Record<string, [string, Tone]> = { opened: ["Open", "success"], locked: ["Locked", "warning"], merged: ["Merged", "info"], closed: ["Closed", "info"] };
const MERGE_REQUEST: Record<string, [string, Tone]> = { opened: ["Open", "success"], locked: ["Open", "success"], merged: ["Merged", "info"], closed: ["Closed", "danger"] };

/** An epic's, issue's or merge request's state as GitLab badges it: Open, Closed, Merged. */
export function StateBadge({ state, mergeRequest = false }: { state: string; mergeRequest?: boolean }) {
  const [label, tone] = (mergeRequest ? MERGE_REQUEST[state] : ISSUE[state]) ?? (mergeRequest ? [state, "neutral" as const] : ISSUE.opened!);
  return <Badge tone={tone}>{label}</Badge>;
}
