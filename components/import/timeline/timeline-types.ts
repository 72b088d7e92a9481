import type { BadgeStatus } from "@/components/import/status-badge";

/** Times are epoch milliseconds; `endMs` null with `running` true means "still going: up to now". */
export interface TimelineSpan {
  startMs: number | null;
  endMs: number | null;
  running: boolean;
}

export interface TimelineBar extends TimelineSpan {
  key: string;
  label: string;
  stage: number;
  status: BadgeStatus;
  counts: string;
  batches: (TimelineSpan & { key: string; number: number; status: BadgeStatus })[];
}

export interface TimelineLane extends TimelineSpan {
  entityId: number;
  title: string;
  subtitle: string;
  status: BadgeStatus;
  bars: TimelineBar[];
}

export interface TimelineData {
  originMs: number;
  renderedAtMs: number;
  originLabel: string;
  lanes: TimelineLane[];
}
