import type { PortableKind } from "@/lib/relations";
import type { SourceClient, SourceDownload } from "./client";
import { isSourceError, SourceError } from "./errors";
export type ExportState = "pending" | "started" | "finished" | "failed";

export interface ExportBatchStatus {
  batchNumber: number;
  status: ExportState;
  objectsCount: number;
  error: string | null;
  updatedAt: string | null;
}

export interface RelationExportStatus {
  relation: string;
  status: ExportState;
  error: string | null;
  updatedAt: string | null;
  batched: boolean;
  batchesCount: number;
  totalObjectsCount: number;
  batches: ExportBatchStatus[];
}

// GitLab stores the state as an integer and has exposed it both raw and by name, depending on the version.
const STATES: Record<string, ExportState> = {
  "-2": "pending",
  "-1": "failed",
  "0": "started",
  "1": "finished",
  pending: "pending",
  failed: "failed",
  started: "started",
  finished: "finished",
};

function state(value: unknown, where: string): ExportState {
  const found = STATES[String(value)];
  if (!found) throw new SourceError("bad_response", `The source instance sent an unknown export status for ${where}.`);
  return found;
}

const text = (value: unknown) => (typeof value === "string" ? value : null);
const count = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : 0);

/** A group's or project's address in the source's REST API, by id or full path: `/groups/12`, `/projects/a%2Fb`. */
export function portableApiPath(kind: PortableKind, id: number | string): string {
  return `/${kind === "group" ? "groups" : "projects"}/${encodeURIComponent(String(id))}`;
}

const exportPath = (id: number | string, kind: PortableKind) => `${portableApiPath(kind, id)}/export_relations`;

export function normaliseExportStatus(raw: unknown): RelationExportStatus {
  if (!raw || typeof raw !== "object" || typeof (raw as { relation?: unknown }).relation !== "string") {
    throw new SourceError("bad_response", "The source instance sent an export status without a relation.");
  }
  const item = raw as Record<string, unknown>;
  const relation = item.relation as string;
  const batches = Array.isArray(item.batches) ? item.batches : [];
  return {
    relation,
    status: state(item.status, relation),
    error: text(item.error),
    updatedAt: text(item.updated_at),
    batched: item.batched === true,
    batchesCount: count(item.batches_count),
    totalObjectsCount: count(item.total_objects_count),
    batches: batches.map((b: Record<string, unknown>) => ({
      batchNumber: count(b.batch_number),
      status: state(b.status, `${relation} batch ${String(b.batch_number)}`),
      objectsCount: count(b.objects_count),
      error: text(b.error),
      updatedAt: text(b.updated_at),
    })),
  };
}

/** Asks the source to export every relation of a group or project; 202 Accepted means it was queued. */
export async function startExport(
  client: SourceClient,
  id: number | string,
  options: { kind: PortableKind; batched: boolean },
): Promise<void> {
  // A repeated start is harmless (the source restarts or reuses the export), so the client's retries are safe here.
  await client.post(exportPath(id, options.kind), { batched: options.batched });
}

/**
 * The export status of all relations, or of one. GitLab answers a single object for one relation and an array
 * otherwise (older sources always answer the array); both come back normalised. One relation that is not exported
 * yet gives null, not an error, since polling starts before the source has created it.
 */
export async function exportStatus(
  client: SourceClient,
  id: number | string,
  options: { kind: PortableKind },
): Promise<RelationExportStatus[]>;
export async function exportStatus(
  client: SourceClient,
  id: number | string,
  options: { kind: PortableKind; relation: string },
): Promise<RelationExportStatus | null>;
export async function exportStatus(
  client: SourceClient,
  id: number | string,
  options: { kind: PortableKind; relation?: string },
): Promise<RelationExportStatus[] | RelationExportStatus | null> {
  const path = `${exportPath(id, options.kind)}/status`;
  let data: unknown;
  try {
    data = (await client.get<unknown>(path, { relation: options.relation })).data;
  } catch (error) {
    // "404 Export Not Found" is a relation not exported yet; a bare 404 means direct transfer is off or no access.
    if (options.relation && isSourceError(error, "not_found") && /export/i.test(error.serverMessage ?? "")) return null;
    throw error;
  }
  const list = (Array.isArray(data) ? data : [data]).map(normaliseExportStatus);
  if (options.relation === undefined) return list;
  return list.find((s) => s.relation === options.relation) ?? null;
}

/** Streams one exported relation (gzipped NDJSON, or a tar for file relations), or one batch of it. */
export async function downloadRelation(
  client: SourceClient,
  id: number | string,
  relation: string,
  options: { kind: PortableKind; batched?: boolean; batchNumber?: number; maxBytes?: number },
): Promise<SourceDownload> {
  if (options.batched && options.batchNumber === undefined) {
    throw new Error("A batched download needs a batch number.");
  }
  const query = options.batched ? { relation, batched: true, batch_number: options.batchNumber } : { relation };
  return client.stream(`${exportPath(id, options.kind)}/download`, query, { maxBytes: options.maxBytes });
}
