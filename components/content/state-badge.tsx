import { Badge } from "@/components/ui/badge";

/** An epic's, issue's or merge request's state as GitLab badges it: Open, Closed, Merged. */
export function StateBadge({ state }: { state: string }) {
  if (state === "merged") return <Badge tone="info">Merged</Badge>;
  if (state === "locked") return <Badge tone="warning">Locked</Badge>;
  return state === "closed" ? <Badge tone="info">Closed</Badge> : <Badge tone="success">Open</Badge>;
}
