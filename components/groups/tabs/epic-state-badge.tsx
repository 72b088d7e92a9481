import { Badge } from "@/components/ui/badge";

export function EpicStateBadge({ state }: { state: string }) {
  return state === "closed" ? <Badge tone="info">Closed</Badge> : <Badge tone="success">Open</Badge>;
}
