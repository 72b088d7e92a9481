import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { GROUP_EXPORTS } from "./fixture-loader";
import { DEFAULT_TOKEN, type TestSource } from "./server";

// Helpers for this folder's tests: real fetch calls against a running test source.

export function api(source: TestSource, pathAndQuery: string, init: RequestInit & { token?: string | null } = {}): Promise<Response> {
  const { token = DEFAULT_TOKEN, headers, ...rest } = init;
  const merged = new Headers(headers);
  if (token !== null && !merged.has("authorization")) merged.set("private-token", token);
  return fetch(`${source.apiUrl}${pathAndQuery}`, { ...rest, headers: merged });
}

export async function json<T = unknown>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

export async function gunzipText(response: Response): Promise<string> {
  return zlib.gunzipSync(Buffer.from(await response.arrayBuffer())).toString("utf8");
}

export const lines = (text: string) => text.split("\n").filter(Boolean);

export const complexFile = (...parts: string[]) => path.join(GROUP_EXPORTS, "complex", "tree", "groups", ...parts);

export function fixtureLines(file: string): string[] {
  return lines(fs.readFileSync(file, "utf8"));
}

/** A group id or full path as one URL segment. */
export const groupPath = (idOrPath: number | string) => encodeURIComponent(String(idOrPath));

export interface ExportStatusEntry {
  relation: string;
  status: number;
  error: string | null;
  updated_at: string;
  batched?: boolean;
  batches_count?: number;
  total_objects_count?: number;
  batches?: { status: number; batch_number: number; objects_count: number; error: string | null; updated_at: string }[];
}

/** Polls the status of `/groups/:id` or `/projects/:id` (`base`) until no relation is still started. */
export async function waitForExportAt(source: TestSource, base: string, token?: string): Promise<ExportStatusEntry[]> {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const statuses = await json<ExportStatusEntry[]>(await api(source, `${base}/export_relations/status`, { token }));
    if (statuses.length > 0 && statuses.every((entry) => entry.status !== 0)) return statuses;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("export did not finish");
}

/** Starts the export of `/groups/:id` or `/projects/:id` (`base`) and waits for it. */
export async function exportAndWaitAt(source: TestSource, base: string, batched = false, token?: string) {
  const started = await api(source, `${base}/export_relations${batched ? "?batched=true" : ""}`, { method: "POST", token });
  if (started.status !== 202) throw new Error(`export_relations answered ${started.status}`);
  return waitForExportAt(source, base, token);
}

/** Polls the status until no relation is still started. */
export const waitForExport = (source: TestSource, groupId: number | string, token?: string) => waitForExportAt(source, `/groups/${groupPath(groupId)}`, token);

export const exportAndWait = (source: TestSource, groupId: number | string, batched = false, token?: string) =>
  exportAndWaitAt(source, `/groups/${groupPath(groupId)}`, batched, token);
