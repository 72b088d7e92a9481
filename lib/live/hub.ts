import pg from "pg";
import { logger } from "@/lib/log";
import { IMPORT_EVENTS_CHANNEL, parseImportEvent, type ImportEvent } from "./import-event";

/** Who a subscriber speaks for: one user's imports, or (administrators) everyone's. */
export interface Audience {
  userId: number;
  all?: boolean;
}

export interface ImportEventHandlers {
  onEvent(event: ImportEvent): void;
  /** The listener reconnected: notifications sent while it was away are lost, so subscribers should re-read. */
  onResync?(): void;
}

export interface Subscription {
  /** Resolves once the hub is LISTENing, so that nothing committed after it is missed. */
  ready: Promise<void>;
  unsubscribe(): void;
}

export interface HubOptions {
  connectionString: () => string;
  channel?: string;
  /** Shows in pg_stat_activity; tests use it to find (and terminate) this hub's connection. */
  applicationName?: string;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** A half-open TCP connection can stay silent for a long time; a periodic query finds it. */
  pingIntervalMs?: number;
  /** With no subscribers left for this long, the connection is closed; the next subscriber reopens it. */
  idleCloseMs?: number;
}

interface Subscriber {
  audience: Audience;
  handlers: ImportEventHandlers;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * One dedicated connection per process that LISTENs on the import channel and fans notifications out to any number of
 * subscribers (one per open page), so that browser tabs cost no database connection. The connection opens with the
 * first subscriber, reconnects with exponential backoff when it drops, and closes when nobody has listened for a while.
 */
export class ImportEventHub {
  private readonly options: Required<HubOptions>;
  private readonly subscribers = new Set<Subscriber>();
  private client: pg.Client | undefined;
  private listening = false;
  private everListened = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private waiters: (() => void)[] = [];
  private closed = false;

  constructor(options: HubOptions) {
    this.options = {
      channel: IMPORT_EVENTS_CHANNEL,
      applicationName: "ferry-live",
      minBackoffMs: 250,
      maxBackoffMs: 10_000,
      pingIntervalMs: 30_000,
      idleCloseMs: 60_000,
      ...options,
    };
  }

  get isListening(): boolean {
    return this.listening;
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  subscribe(audience: Audience, handlers: ImportEventHandlers): Subscription {
    if (this.closed) throw new Error("the import event hub is closed");
    const subscriber: Subscriber = { audience, handlers };
    this.subscribers.add(subscriber);
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.ensureConnected();
    return {
      ready: this.listening ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve)),
      unsubscribe: () => {
        if (!this.subscribers.delete(subscriber) || this.subscribers.size > 0 || this.closed) return;
        this.idleTimer = setTimeout(() => this.closeIdle(), this.options.idleCloseMs);
        this.idleTimer.unref();
      },
    };
  }

  /** Stops for good (process shutdown, tests). */
  async close(): Promise<void> {
    this.closed = true;
    this.subscribers.clear();
    clearTimeout(this.retryTimer);
    clearTimeout(this.idleTimer);
    await this.disconnect();
  }

  private ensureConnected(): void {
    if (this.client || this.retryTimer || this.closed) return;
    void this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.connectionString(),
      application_name: this.options.applicationName,
      keepAlive: true,
      query_timeout: 10_000,
    });
    this.client = client;
    client.on("notification", (message) => {
      if (message.channel === this.options.channel) this.dispatch(message.payload);
    });
    client.on("error", (error) => this.dropped(client, error));
    client.on("end", () => this.dropped(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${quoteIdent(this.options.channel)}`);
    } catch (error) {
      this.dropped(client, error);
      return;
    }
    if (this.client !== client) return;
    const reconnected = this.everListened;
    this.listening = true;
    this.everListened = true;
    this.attempt = 0;
    this.startPing(client);
    for (const resolve of this.waiters.splice(0)) resolve();
    if (reconnected) {
      logger.info("import events listener reconnected");
      for (const subscriber of [...this.subscribers]) this.deliver(subscriber, () => subscriber.handlers.onResync?.());
    }
  }

  private startPing(client: pg.Client): void {
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      client.query("SELECT 1").catch((error: unknown) => this.dropped(client, error));
    }, this.options.pingIntervalMs);
    this.pingTimer.unref();
  }

  private dropped(client: pg.Client, error?: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.listening = false;
    clearInterval(this.pingTimer);
    // pg emits "error" and then "end" for one failure; the listeners stay so the second is ignored, not thrown.
    client.end().catch(() => undefined);
    if (this.closed || this.subscribers.size === 0) return;
    const delay = Math.min(this.options.maxBackoffMs, this.options.minBackoffMs * 2 ** this.attempt);
    this.attempt += 1;
    logger.warn({ err: error, retryInMs: delay }, "import events listener lost its database connection");
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.ensureConnected();
    }, delay * (0.75 + Math.random() * 0.5));
    this.retryTimer.unref();
  }

  private async closeIdle(): Promise<void> {
    this.idleTimer = undefined;
    if (this.subscribers.size === 0) await this.disconnect();
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.listening = false;
    // A deliberate close loses nothing anyone was waiting for: the next subscriber starts afresh, without a resync.
    this.everListened = false;
    clearInterval(this.pingTimer);
    await client?.end().catch(() => undefined);
  }

  private dispatch(payload: string | undefined): void {
    const event = parseImportEvent(payload);
    if (!event) {
      logger.warn({ payload }, "ignored a malformed import event");
      return;
    }
    for (const subscriber of [...this.subscribers]) {
      if (subscriber.audience.all || subscriber.audience.userId === event.userId) this.deliver(subscriber, () => subscriber.handlers.onEvent(event));
    }
  }

  private deliver(subscriber: Subscriber, call: () => void): void {
    try {
      call();
    } catch (error) {
      // One broken page must not stop the others from hearing about the change.
      logger.error({ err: error, userId: subscriber.audience.userId }, "import event subscriber failed");
    }
  }
}
