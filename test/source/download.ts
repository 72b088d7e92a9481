import { Readable, pipeline } from "node:stream";
import zlib from "node:zlib";
import { writeTar } from "@/lib/archive";
import type { FaultOf } from "./faults";
import { recordLines, type ArchiveEntry, type RelationSource } from "./relation-source";
import { bufferBody } from "./respond";
import type { OutgoingBody } from "./types";

/** What one download sends: records [start, end) of a relation, gzipped. */
export interface DownloadPlan {
  source: RelationSource;
  /** `ndjson`: one record a line; `json`: the `self` relation, one document without a trailing newline. */
  format: "ndjson" | "json";
  start: number;
  end: number;
  gzipLevel: number;
  /** Keep the gzipped bytes once made and send them again (TestSourceOptions.keepDownloads). */
  keep?: boolean;
  malformed?: FaultOf<"malformed-line">;
  hostile?: FaultOf<"hostile-body">;
  /** The file made when the export started (a repository relation's archive). */
  artifact?: Promise<OutgoingBody>;
}

const CHUNK = 64 * 1024;
const MALFORMED = '{"id": 1, "title": "this line is not valid JSON"';

async function* text(plan: DownloadPlan): AsyncGenerator<Buffer> {
  const bad = plan.malformed;
  const badLine = `${bad?.text ?? MALFORMED}\n`;
  const newline = plan.format === "ndjson" ? "\n" : "";
  let buffer = "";
  let line = 0;
  for await (const record of recordLines(plan.source, plan.start, plan.end)) {
    line += 1;
    if (bad && line === bad.line) {
      buffer += badLine;
      if ((bad.mode ?? "insert") === "replace") continue;
    }
    buffer += record + newline;
    if (buffer.length >= CHUNK) {
      yield Buffer.from(buffer);
      buffer = "";
    }
  }
  // A line number past the end still gets its malformed line, at the end.
  if (bad && bad.line > line) buffer += badLine;
  if (buffer) yield Buffer.from(buffer);
}

function gzipped(plan: DownloadPlan): AsyncIterable<Buffer> {
  const gzip = zlib.createGzip({ level: plan.gzipLevel });
  // pipeline tears the generator down (closing any file it reads) when the reader stops early.
  pipeline(Readable.from(text(plan)), gzip, () => undefined);
  return gzip;
}

/** A hostile payload, generated a chunk at a time: hundreds of megabytes never sit in memory. */
function* hostileText(spec: FaultOf<"hostile-body">): Generator<Buffer> {
  if (spec.bytes !== undefined) {
    const block = Buffer.alloc(CHUNK, spec.char ?? "0");
    for (let left = spec.bytes; left > 0; left -= CHUNK) yield left >= CHUNK ? block : block.subarray(0, left);
    return;
  }
  const unit = (spec.lines ?? ["not json"]).map((line) => `${line}\n`).join("");
  const perChunk = Math.max(1, Math.floor(CHUNK / unit.length));
  const block = Buffer.from(unit.repeat(perChunk));
  const repeat = spec.repeat ?? 1;
  for (let done = 0; done < repeat; done += perChunk) yield repeat - done >= perChunk ? block : Buffer.from(unit.repeat(repeat - done));
}

const hostileBodies = new WeakMap<FaultOf<"hostile-body">, Buffer>();

/** Hostile payloads compress to almost nothing (that is the point): gzipped once, kept, sent whole. */
async function hostileBody(spec: FaultOf<"hostile-body">, gzipLevel: number): Promise<OutgoingBody> {
  let gz = hostileBodies.get(spec);
  if (!gz) {
    const parts: Buffer[] = [];
    for await (const chunk of Readable.from(hostileText(spec)).pipe(zlib.createGzip({ level: gzipLevel }))) parts.push(chunk as Buffer);
    gz = Buffer.concat(parts);
    hostileBodies.set(spec, gz);
  }
  return bufferBody(gz);
}

/** Per relation and download: its gzipped length, and its bytes when they are kept. */
const made = new WeakMap<RelationSource, Map<string, { length: number; bytes?: Buffer[] }>>();

/**
 * GitLab's downloads carry Content-Length (importers refuse them without it), so the gzipped size is measured by a
 * first pass over the records, then the body is generated again while it is sent: a relation of any size is never
 * held in memory. Sizes are cached, except when a fault changes the content.
 */
export async function downloadBody(plan: DownloadPlan): Promise<OutgoingBody> {
  if (plan.hostile) return hostileBody(plan.hostile, plan.gzipLevel);
  if (plan.source.kind === "repository") {
    if (!plan.artifact) throw new Error("A repository relation is downloaded from the archive its export made");
    return plan.artifact;
  }
  if (plan.source.kind === "archive") {
    const { entries, before = [], after } = plan.source;
    const slice = entries.slice(plan.start, plan.end);
    return archiveBody([...before, ...slice, ...(after?.(slice) ?? [])], plan.gzipLevel);
  }
  const key = `${plan.format}:${plan.start}:${plan.end}:${plan.gzipLevel}`;
  const cache = plan.malformed ? undefined : (made.get(plan.source) ?? new Map<string, { length: number; bytes?: Buffer[] }>());
  const keep = Boolean(plan.keep && cache);
  let known = cache?.get(key);
  if (!known || (keep && !known.bytes)) {
    const bytes: Buffer[] = [];
    let length = 0;
    for await (const chunk of gzipped(plan)) {
      length += (chunk as Buffer).length;
      if (keep) bytes.push(chunk as Buffer);
    }
    known = { length, bytes: keep ? bytes : undefined };
    if (cache) {
      cache.set(key, known);
      made.set(plan.source, cache);
    }
  }
  const kept = known.bytes;
  return { length: known.length, chunks: kept ? async function* () { yield* kept; } : () => gzipped(plan) };
}

/** A file relation's download: `tar -cf` of the entries (GitLab's FileExportService), gzipped. Test archives are small. */
async function archiveBody(entries: readonly ArchiveEntry[], gzipLevel: number): Promise<OutgoingBody> {
  const chunks: Buffer[] = [];
  const inputs = entries.map((entry) => ({ ...entry, size: entry.data?.length ?? 0, body: entry.data ? [entry.data] : [] }));
  for await (const chunk of writeTar(inputs)) chunks.push(chunk);
  return bufferBody(zlib.gzipSync(Buffer.concat(chunks), { level: gzipLevel }));
}
