import { getDatabaseUrl } from "@/lib/db";
import { createImportEventStream } from "./event-stream";
import { ImportEventHub, type Audience, type ImportEventHandlers, type Subscription } from "./hub";

export { createImportEventStream, EVENT_STREAM_HEADERS, type EventStreamOptions } from "./event-stream";
export { IMPORT_EVENTS_CHANNEL, importEventSchema, parseImportEvent, type ImportEvent } from "./import-event";
export { ImportEventHub, type Audience, type HubOptions, type ImportEventHandlers, type Subscription } from "./hub";

// On globalThis because Next may load this module once per route bundle; the process must still hold one connection.
const state = ((globalThis as { __ferryLive?: { hub?: ImportEventHub } }).__ferryLive ??= {});

/** This process's hub, created on first use with the database the process is pointed at. */
export function importEventHub(): ImportEventHub {
  state.hub ??= new ImportEventHub({ connectionString: getDatabaseUrl });
  return state.hub;
}

export function subscribeImportEvents(audience: Audience, handlers: ImportEventHandlers): Subscription {
  return importEventHub().subscribe(audience, handlers);
}

/** The SSE body for a signed-in user's page (see createImportEventStream). */
export function importEventStream(audience: Audience, signal: AbortSignal): ReadableStream<Uint8Array> {
  return createImportEventStream({ hub: importEventHub(), audience, signal });
}

export async function stopImportEvents(): Promise<void> {
  const hub = state.hub;
  state.hub = undefined;
  await hub?.close();
}
