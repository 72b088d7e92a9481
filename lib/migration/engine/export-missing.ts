import type { RelationExportStatus } from "@/lib/gitlab";
import type { RelationSource } from "./relation-source";

// A source starts every relation's export at once; one it has not even started this long after the import asked,
// while all the others have ended, is not coming.
const GRACE_MS = 15_000;

/**
 * Whether the source exports without this relation (an older source, or another implementation of the API): it has
 * no status for it, while every relation it does list has ended and the grace time has passed.
 */
export async function sourceLacksExport(source: RelationSource, relation: string, waitedMs: number): Promise<boolean> {
  if (waitedMs < GRACE_MS) return false;
  const all = await source.statuses();
  return all.length > 0 && all.every((status) => status.relation !== relation && (status.status === "finished" || status.status === "failed"));
}

/** A failed export whose error says the source has no such relation (GitLab: "Unsupported export relation"). */
export function isMissingRelation(status: RelationExportStatus): boolean {
  return status.status === "failed" && /not found|unsupported/i.test(status.error ?? "");
}
