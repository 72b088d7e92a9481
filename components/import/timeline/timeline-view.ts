import type { BadgeStatus } from "@/components/import/status-badge";
import type { BulkImportDetails, StatusName } from "@/lib/migration/wire";
import { formatCount, formatDateTime } from "@/components/import/history/format";
import type { TimelineData } from "./timeline-types";

const ms = (date: Date | null) => (date ? date.getTime() : null);

const BATCH_STATUS: Record<StatusName, BadgeStatus> = {
  created: "Pending",
  started: "Importing…",
  finished: "Complete",
  failed: "Failed",
  timeout: "Timeout",
  canceled: "Cancelled",
};

/** The import's times as the chart draws them, measured from when the import was created. */
export function toTimelineData(details: BulkImportDetails, now: Date): TimelineData {
  return {
    originMs: details.createdAt.getTime(),
    renderedAtMs: now.getTime(),
    originLabel: formatDateTime(details.createdAt),
    lanes: details.entities.map((entity) => ({
      entityId: entity.id,
      title: entity.sourceFullPath,
      subtitle: entity.destinationFullPath,
      status: entity.humanStatus,
      startMs: ms(entity.startedAt),
      endMs: ms(entity.finishedAt),
      running: entity.statusName === "started" && !entity.finishedAt,
      bars: entity.trackers.map((t) => ({
        key: String(t.trackerId),
        label: t.label,
        stage: t.stage,
        status: t.humanStatus,
        startMs: ms(t.startedAt),
        endMs: ms(t.finishedAt),
        running: t.statusName === "started" && !t.finishedAt,
        counts: t.source !== null ? `${formatCount(t.imported)} of ${formatCount(t.source)}` : formatCount(t.imported),
        batches: t.batches.map((b) => ({
          key: String(b.id),
          number: b.batchNumber,
          status: BATCH_STATUS[b.statusName],
          startMs: ms(b.startedAt),
          endMs: ms(b.finishedAt),
          running: b.statusName === "started" && !b.finishedAt,
        })),
      })),
    })),
  };
}
