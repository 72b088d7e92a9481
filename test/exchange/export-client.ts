import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { gunzipSync } from "node:zlib";
import { readTarGz } from "@/lib/archive";

export interface ExportedRelation {
  relation: string;
  batched: boolean;
  records: Record<string, unknown>[];
}

interface StatusItem {
  relation: string;
  status: number;
  error: string | null;
  batched: boolean;
  batches_count: number;
  batches?: { batch_number: number; status: number }[];
}

async function api(baseUrl: string, token: string, path: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(`${baseUrl}/api/v4${path}`, { ...init, headers: { "private-token": token, ...init.headers } });
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${response.status} ${await response.text()}`);
  return response;
}

/** Parses a downloaded file: `self.json` is one document, the rest NDJSON. */
export function parseExportFile(gzipped: Buffer): Record<string, unknown>[] {
  const text = gunzipSync(gzipped).toString("utf8");
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Parses a file relation's `.tar.gz`: one record per file, with its size and SHA-256, in archive order. */
export async function parseArchiveFile(gzipped: Buffer): Promise<Record<string, unknown>[]> {
  const records: Record<string, unknown>[] = [];
  for await (const entry of readTarGz(Readable.from([gzipped]))) {
    const hash = createHash("sha256");
    for await (const chunk of entry.body) hash.update(chunk);
    if (entry.type === "file") records.push({ name: entry.path, size: entry.size, sha256: hash.digest("hex") });
  }
  return records;
}

/**
 * Exports every relation of a group (or, with `kind: "project"`, a project) from a Ferry (or GitLab) over its REST
 * API, the way an importer does: start, poll the status until all relations have ended, then download each file
 * (each batch when batched).
 */
export async function exportGroupOverHttp(
  baseUrl: string,
  token: string,
  groupId: number | string,
  options: { batched?: boolean; timeoutMs?: number; kind?: "group" | "project" } = {},
): Promise<Map<string, ExportedRelation>> {
  const id = `${options.kind === "project" ? "projects" : "groups"}/${encodeURIComponent(String(groupId))}`;
  await api(baseUrl, token, `/${id}/export_relations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ batched: options.batched ?? true }),
  });
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let statuses: StatusItem[] = [];
  for (;;) {
    statuses = (await (await api(baseUrl, token, `/${id}/export_relations/status`)).json()) as StatusItem[];
    if (statuses.length > 0 && statuses.every((s) => s.status !== 0)) break;
    if (Date.now() > deadline) throw new Error(`export of group ${groupId} did not finish: ${JSON.stringify(statuses)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const failed = statuses.filter((s) => s.status !== 1);
  if (failed.length) throw new Error(`export of group ${groupId} failed: ${JSON.stringify(failed)}`);
  const result = new Map<string, ExportedRelation>();
  for (const status of statuses) {
    const records: Record<string, unknown>[] = [];
    const queries = status.batched
      ? (status.batches ?? []).map((b) => `relation=${status.relation}&batched=true&batch_number=${b.batch_number}`)
      : [`relation=${status.relation}`];
    for (const query of queries) {
      const response = await api(baseUrl, token, `/${id}/export_relations/download?${query}`);
      const bytes = Buffer.from(await response.arrayBuffer());
      const archive = response.headers.get("content-disposition")?.includes(".tar.gz");
      records.push(...(archive ? await parseArchiveFile(bytes) : parseExportFile(bytes)));
    }
    result.set(status.relation, { relation: status.relation, batched: status.batched, records });
  }
  return result;
}
