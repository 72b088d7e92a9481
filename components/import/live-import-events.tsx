"use client";

/**
 * Live import status in the browser: server-sent events from GET /import/bulk_imports/events.
 *
 *   useImportEvents(onEvent, { scope?: "mine" | "all", enabled?: boolean }) → { connected: boolean }
 *     Calls onEvent(event: LiveImportEvent) for every change of the signed-in user's imports:
 *       { kind: "import", userId, bulkImportId, entityId? }  a bulk import or one of its entities changed
 *       { kind: "resync", initial }  changes may have been missed: re-read. `initial` on the first connection, which
 *         follows the page's own read of its data by however long hydrating and connecting took (an import that ended
 *         in between sent its last event to nobody); otherwise the tab was hidden or the connection dropped.
 *     `connected` is true once the server listens, i.e. no change committed from then on can be missed.
 *     `scope: "all"` follows every user's imports (administrators only; others get their own).
 *
 *   useInvalidateOnImportEvents(queryKeys, { scope?, filter?, throttleMs?, catchUp? }) → { connected: boolean }
 *     For react-query pages (needs a QueryClientProvider above): invalidates the given query keys on each event (at
 *     once, then at most once per throttleMs, 300 by default). Pair it with a refetchInterval used only while !connected.
 *     On the first connection it invalidates only if `catchUp()` says what is shown may have changed (default: yes).
 *
 *   useRealtimeChanges(ids) (./live-realtime-changes): GitLab's realtime_changes for some bulk imports, built on the
 *     two above; polls every 3 s only while events are down.
 *
 *   <LiveRefresh scope? bulkImportId? pollWhileDisconnected? indicator? />
 *     For server-rendered pages: router.refresh() on events (at once, then at most every 300 ms), polling every 5 s instead while
 *     the event stream is down and `pollWhileDisconnected` is set (something on the page is running: the first connection
 *     then refreshes too); `indicator` shows a small "Live" pill.
 *
 * However many components use these hooks, a tab holds one EventSource per scope, and none while it is hidden.
 */
import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useSyncExternalStore } from "react";
import { parseImportEvent, type ImportEvent } from "@/lib/live/import-event";

export type LiveImportEvent = ({ kind: "import" } & ImportEvent) | { kind: "resync"; initial: boolean };
export type LiveScope = "mine" | "all";

export interface ImportEventsOptions {
  scope?: LiveScope;
  enabled?: boolean;
}

const EVENTS_PATH = "/import/bulk_imports/events";
const REFRESH_THROTTLE_MS = 300;
const FALLBACK_POLL_MS = 5_000;

type Listener = (event: LiveImportEvent) => void;
type StateListener = (connected: boolean) => void;

/** One EventSource shared by every subscriber of a scope in this tab. */
class LiveChannel {
  private source: EventSource | undefined;
  private readonly listeners = new Set<Listener>();
  private readonly stateListeners = new Set<StateListener>();
  private connected = false;
  private hadReady = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;

  constructor(private readonly url: string) {}

  get isConnected(): boolean {
    return this.connected;
  }

  add(listener: Listener): () => void {
    this.listeners.add(listener);
    this.sync();
    return () => {
      this.listeners.delete(listener);
      this.sync();
    };
  }

  watch(onState: StateListener): () => void {
    this.stateListeners.add(onState);
    return () => this.stateListeners.delete(onState);
  }

  /** Opens or closes the EventSource to match: someone listening and the tab visible. */
  sync(): void {
    const wanted = this.listeners.size > 0 && document.visibilityState !== "hidden";
    if (wanted && !this.source && !this.retryTimer) this.open();
    if (!wanted) this.close();
  }

  private open(): void {
    const source = new EventSource(this.url);
    this.source = source;
    source.addEventListener("ready", () => {
      this.failures = 0;
      this.setConnected(true);
      // Every ready follows a gap in which changes went unheard: the first one the page's own read of its data (an
      // import that ended meanwhile left a running page for ever, as a file import's journey showed on a slow run), a
      // later one a dropped connection or a hidden tab.
      this.emit({ kind: "resync", initial: !this.hadReady });
      this.hadReady = true;
    });
    source.addEventListener("resync", () => this.emit({ kind: "resync", initial: false }));
    source.addEventListener("import", (message) => {
      // The same schema the server parsed the notification with (lib/live/import-event.ts); anything else is dropped.
      const event = parseImportEvent((message as MessageEvent<string>).data);
      if (event) this.emit({ kind: "import", ...event });
    });
    source.addEventListener("error", () => {
      this.setConnected(false);
      // CONNECTING: the browser retries by itself. CLOSED (a 401, a proxy's error page): retry ourselves, slower.
      if (source.readyState !== EventSource.CLOSED) return;
      source.close();
      if (this.source === source) this.source = undefined;
      const delay = Math.min(60_000, 2_000 * 2 ** this.failures);
      this.failures += 1;
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        this.sync();
      }, delay);
    });
  }

  private close(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.source?.close();
    this.source = undefined;
    this.setConnected(false);
  }

  private setConnected(connected: boolean): void {
    if (this.connected === connected) return;
    this.connected = connected;
    for (const listener of [...this.stateListeners]) listener(connected);
  }

  private emit(event: LiveImportEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}

const channels = new Map<LiveScope, LiveChannel>();
let visibilityWatched = false;

function channelFor(scope: LiveScope): LiveChannel {
  let channel = channels.get(scope);
  if (!channel) {
    channel = new LiveChannel(scope === "all" ? `${EVENTS_PATH}?scope=all` : EVENTS_PATH);
    channels.set(scope, channel);
  }
  if (!visibilityWatched) {
    visibilityWatched = true;
    // A hidden tab holds no connection (browsers allow only six per host over HTTP/1.1); it catches up when shown.
    document.addEventListener("visibilitychange", () => channels.forEach((c) => c.sync()));
  }
  return channel;
}

/** Calls onEvent for each live import event; see the top of this file. */
export function useImportEvents(onEvent: (event: LiveImportEvent) => void, { scope = "mine", enabled = true }: ImportEventsOptions = {}): { connected: boolean } {
  const latest = useRef(onEvent);
  useEffect(() => {
    latest.current = onEvent;
  });
  useEffect(() => {
    if (!enabled) return;
    return channelFor(scope).add((event) => latest.current(event));
  }, [scope, enabled]);
  const watch = useCallback((notify: () => void) => (enabled ? channelFor(scope).watch(notify) : () => undefined), [scope, enabled]);
  const connected = useSyncExternalStore(
    watch,
    () => enabled && channelFor(scope).isConnected,
    () => false,
  );
  return { connected };
}

/**
 * Runs `action` at once, then at most once per `ms` while triggers keep coming (one trailing run picks up the last
 * of them): the first change shows without delay, and a burst of count changes costs a few re-reads, not one each.
 */
function useThrottled(action: () => void, ms: number): () => void {
  const latest = useRef(action);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef(false);
  useEffect(() => {
    latest.current = action;
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(() => {
    if (timer.current) {
      pending.current = true;
      return;
    }
    const cool = () => {
      timer.current = setTimeout(() => {
        timer.current = undefined;
        if (!pending.current) return;
        pending.current = false;
        latest.current();
        cool();
      }, ms);
    };
    latest.current();
    cool();
  }, [ms]);
}

export interface InvalidateOptions extends ImportEventsOptions {
  /** Which events matter; resyncs always do. */
  filter?: (event: Extract<LiveImportEvent, { kind: "import" }>) => boolean;
  throttleMs?: number;
  /** On the first connection: whether what is shown may have changed since it was read (by default, it may). */
  catchUp?: () => boolean;
}

/** Invalidates the given react-query keys on live import events; see the top of this file. */
export function useInvalidateOnImportEvents(
  queryKeys: readonly QueryKey[],
  { filter, throttleMs = REFRESH_THROTTLE_MS, catchUp, ...options }: InvalidateOptions = {},
): { connected: boolean } {
  const queryClient = useQueryClient();
  const keys = useRef(queryKeys);
  useEffect(() => {
    keys.current = queryKeys;
  });
  const invalidate = useThrottled(() => {
    for (const queryKey of keys.current) void queryClient.invalidateQueries({ queryKey });
  }, throttleMs);
  return useImportEvents((event) => {
    if (event.kind === "resync" ? !event.initial || (catchUp?.() ?? true) : !filter || filter(event)) invalidate();
  }, options);
}

export interface LiveRefreshProps {
  scope?: LiveScope;
  /** Refresh only for this import's events (and resyncs). */
  bulkImportId?: number;
  /** Poll with router.refresh() while the event stream is down: set it while something on the page is running. */
  pollWhileDisconnected?: boolean;
  /** Show a small "Live" pill where the component is placed. */
  indicator?: boolean;
}

/** Keeps a server-rendered page current: router.refresh() on live import events; see the top of this file. */
export function LiveRefresh({ scope = "mine", bulkImportId, pollWhileDisconnected = false, indicator = false }: LiveRefreshProps) {
  const router = useRouter();
  const refresh = useThrottled(() => router.refresh(), REFRESH_THROTTLE_MS);
  const { connected } = useImportEvents(
    (event) => {
      if (event.kind === "resync" ? !event.initial || pollWhileDisconnected : bulkImportId === undefined || event.bulkImportId === bulkImportId) refresh();
    },
    { scope },
  );
  useEffect(() => {
    if (connected || !pollWhileDisconnected) return;
    const timer = setInterval(() => {
      if (document.visibilityState !== "hidden") router.refresh();
    }, FALLBACK_POLL_MS);
    return () => clearInterval(timer);
  }, [connected, pollWhileDisconnected, router]);
  return indicator ? <LiveIndicator connected={connected} /> : null;
}

export function LiveIndicator({ connected }: { connected: boolean }) {
  return (
    <span
      data-live-state={connected ? "live" : "offline"}
      title={connected ? "Changes appear as they happen" : "Not receiving live changes; reconnecting"}
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${connected ? "bg-green-50 text-green-700 ring-green-200" : "bg-gray-100 text-gray-600 ring-gray-200"}`}
    >
      <span aria-hidden className={`h-1.5 w-1.5 rounded-full ${connected ? "bg-green-500" : "bg-gray-400"}`} />
      {connected ? "Live" : "Reconnecting…"}
    </span>
  );
}
