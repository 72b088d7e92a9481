import type { HistoryEntity, RelationStats } from "@/lib/migration/wire";
import { formatCount, formatDateTime, timeAgo } from "./format";
import type { HistoryRowView, RelationView } from "./history-table";

function host(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function toRelationView(r: RelationStats, entityId: number): RelationView {
  return {
    key: String(r.trackerId),
    label: r.label,
    imported: formatCount(r.imported),
    fetched: formatCount(r.fetched),
    source: formatCount(r.source),
    status: r.humanStatus,
    mismatch: r.mismatch,
    message: r.message,
    entityId,
    relation: r.relation,
    failures: r.failures,
  };
}

/** Formats an entity for the history table on the server, where the clock and time zone are the page's. */
export function toHistoryRowView(entity: HistoryEntity, now: Date, showOwner: boolean): HistoryRowView {
  const { progress } = entity;
  const running = entity.statusName === "started";
  const items = progress.source ? `${formatCount(progress.imported)} of ${formatCount(progress.source)} items` : `${formatCount(progress.imported)} items`;
  return {
    id: entity.id,
    sourceType: entity.sourceType,
    sourceFullPath: entity.sourceFullPath,
    sourceWebUrl: entity.sourceWebUrl,
    sourceHost: host(entity.sourceInstanceUrl),
    destinationFullPath: entity.destinationFullPath,
    destinationHref: entity.destinationPath,
    startedLabel: timeAgo(entity.createdAt, now),
    startedIso: entity.createdAt.toISOString(),
    startedTitle: formatDateTime(entity.createdAt),
    status: entity.humanStatus,
    progress: running ? { percent: progress.percent, relations: `${progress.relationsDone} of ${progress.relationsTotal} relations`, items } : null,
    failuresLabel: entity.failuresCount > 0 ? (entity.failuresCount >= 1000 ? "1000+" : String(entity.failuresCount)) : null,
    failuresHref: entity.hasFailures ? `/import/history/${entity.id}/failures` : null,
    detailsHref: `/import/bulk_imports/${entity.bulkImportId}`,
    owner: showOwner ? entity.username : null,
    relations: entity.relations.map((r) => toRelationView(r, entity.id)),
    mismatches: entity.relations.filter((r) => r.mismatch).length,
  };
}
