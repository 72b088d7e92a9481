import type { Audience, ImportEventHub } from "./hub";

export interface EventStreamOptions {
  hub: ImportEventHub;
  audience: Audience;
  /** The request's signal: aborted when the browser goes away, which ends the subscription. */
  signal: AbortSignal;
  /** Proxies and load balancers close idle connections; a comment now and then keeps this one open. */
  heartbeatMs?: number;
  /** How long the browser waits before reconnecting after the stream ends. */
  retryMs?: number;
}

export const EVENT_STREAM_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  // no-transform keeps compression (which buffers) off this response; X-Accel-Buffering does the same for nginx.
  "Cache-Control": "no-cache, no-store, no-transform",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
} as const;

/**
 * A server-sent event stream of one audience's import changes: `event: import` with the notification's JSON,
 * `event: resync` after the listener reconnected (changes may have been missed), and `event: ready` once changes
 * committed from then on are sure to arrive (the browser's `open` comes earlier, before the LISTEN is in place).
 */
export function createImportEventStream({ hub, audience, signal, heartbeatMs = 15_000, retryMs = 3_000 }: EventStreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup: () => void = () => undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const subscription = hub.subscribe(audience, {
        onEvent: (event) => send(`event: import\ndata: ${JSON.stringify(event)}\n\n`),
        onResync: () => send("event: resync\ndata: {}\n\n"),
      });
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), heartbeatMs);
      const onAbort = () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed by the reader
        }
      };
      cleanup = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        subscription.unsubscribe();
        signal.removeEventListener("abort", onAbort);
      };
      if (signal.aborted) {
        onAbort();
        return;
      }
      signal.addEventListener("abort", onAbort, { once: true });
      send(`retry: ${retryMs}\n\n`);
      void subscription.ready.then(() => send("event: ready\ndata: {}\n\n"));
    },
    cancel() {
      cleanup();
    },
  });
}
