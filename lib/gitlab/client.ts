import type { Readable } from "node:stream";
import { logger as rootLogger, type Logger } from "@/lib/log";
import { SourceError } from "./errors";
import { guardDownload } from "./download-stream";
import { gitRemote, type GitRemote } from "./git-remote";
import { parsePagination, type Pagination, type ResponseHeaders } from "./pagination";
import { decodeBody, parseJson, readBody } from "./response-body";
import { httpError } from "./response-errors";
import { defaultSleep, parseRetryAfter, withRetries, type RetryPolicy } from "./retry";
import { Transport, type TransportResponse } from "./transport";
import { normaliseSourceUrl, type UrlPolicyOptions } from "./url-policy";

export interface SourceClientOptions extends UrlPolicyOptions {
  /** The source's base URL as the user entered it; normalised and checked against the URL policy. */
  url: string;
  token: string;
  /** Idle timeout: the longest silence while waiting for a response or reading its body. */
  timeoutMs?: number;
  connectTimeoutMs?: number;
  /** Retries after the first attempt for network errors, 429 and 5xx. */
  maxRetries?: number;
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  maxRetryAfterMs?: number;
  maxRedirects?: number;
  /** Largest JSON response accepted, compressed or not. */
  maxJsonBytes?: number;
  ca?: string | Buffer;
  userAgent?: string;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  logger?: Logger;
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type Query = Readonly<Record<string, QueryValue>>;

export interface SourceResponse<T> {
  status: number;
  data: T;
  headers: ResponseHeaders;
}

export interface Page<T> {
  items: T[];
  pagination: Pagination;
  headers: ResponseHeaders;
}

export interface SourceDownload {
  body: Readable;
  headers: ResponseHeaders;
  /** From Content-Length, when the source sent it. */
  contentLength: number | null;
}

export interface StreamOptions {
  /** Refuse a download whose (compressed) size passes this many bytes, announced or actually streamed. */
  maxBytes?: number;
}

const ERROR_BODY_LIMIT = 64 * 1024;

interface Exchange {
  method: "GET" | "POST";
  /** Below `/api/v4`, or below `/api` for GraphQL (`root`). */
  path: string;
  root?: "/api/v4" | "/api";
  query?: Query;
  body?: unknown;
  /** JSON may come compressed; downloads are asked for as stored, since they are gzip files already. */
  acceptEncoding: string;
}

function buildQuery(query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) params.append(`${key}[]`, String(item));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/**
 * REST v4 client for one source instance and one token. Every request goes through the URL policy (checked on each
 * connection, redirects included) and the retry policy; the token travels only in the PRIVATE-TOKEN header, to the
 * source's own origin.
 */
export class SourceClient {
  readonly baseUrl: string;
  private readonly token: string;
  private readonly origin: string;
  private readonly host: string;
  private readonly transport: Transport;
  private readonly retry: RetryPolicy;
  private readonly maxJsonBytes: number;
  private readonly userAgent: string;
  private readonly log: Logger;
  private readonly policy: UrlPolicyOptions;

  constructor(options: SourceClientOptions) {
    this.baseUrl = normaliseSourceUrl(options.url, options);
    const token = options.token.trim();
    if (!token || !/^[\x21-\x7e]+$/.test(token)) {
      throw new SourceError("unauthorized", "The personal access token is empty or contains characters a token cannot have.");
    }
    this.token = token;
    const base = new URL(this.baseUrl);
    this.origin = base.origin;
    this.host = base.hostname;
    this.policy = { allowInsecure: options.allowInsecure, allowLocal: options.allowLocal, allowLinkLocal: options.allowLinkLocal, allowList: options.allowList, resolve: options.resolve };
    this.transport = new Transport({
      allowInsecure: options.allowInsecure,
      allowLocal: options.allowLocal,
      allowLinkLocal: options.allowLinkLocal,
      allowList: options.allowList,
      resolve: options.resolve,
      ca: options.ca,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      idleTimeoutMs: options.timeoutMs ?? 30_000,
      maxRedirects: options.maxRedirects ?? 5,
    });
    this.retry = {
      maxRetries: options.maxRetries ?? 4,
      baseDelayMs: options.retryBaseDelayMs ?? 1_000,
      maxDelayMs: options.retryMaxDelayMs ?? 30_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
      sleep: options.sleep ?? defaultSleep,
      random: options.random ?? Math.random,
    };
    this.maxJsonBytes = options.maxJsonBytes ?? 32 * 1024 * 1024;
    this.userAgent = options.userAgent ?? "Ferry (GitLab direct transfer)";
    this.log = (options.logger ?? rootLogger).child({ component: "gitlab-source", source: this.origin });
  }

  /**
   * Done with the client: it must not be used afterwards. Its idle connections stay for the next client of the same
   * URL policy and close after 4 s (the transport's shared agents).
   */
  close(): void {
    this.transport.close();
  }

  async get<T = unknown>(path: string, query?: Query): Promise<SourceResponse<T>> {
    return this.requestJson<T>("GET", path, query);
  }

  async post<T = unknown>(path: string, body?: unknown, query?: Query): Promise<SourceResponse<T>> {
    return this.requestJson<T>("POST", path, query, body);
  }

  async getPage<T = unknown>(path: string, query?: Query): Promise<Page<T>> {
    const { data, headers } = await this.get<unknown>(path, query);
    if (!Array.isArray(data)) {
      throw new SourceError("bad_response", `The source instance answered ${path} with something other than a list.`, { path });
    }
    return { items: data as T[], pagination: parsePagination(headers), headers };
  }

  /**
   * Every page of a list, in order, following x-next-page (or the Link header under keyset pagination) like GitLab's
   * own client. `maxPages` bounds the walk against a source that never stops.
   */
  async *paginate<T = unknown>(
    path: string,
    query: Query = {},
    options: { perPage?: number; maxPages?: number } = {},
  ): AsyncGenerator<Page<T>, void, undefined> {
    let current: Query = { ...query, per_page: query.per_page ?? options.perPage ?? 100, page: query.page ?? 1 };
    const maxPages = options.maxPages ?? 10_000;
    for (let fetched = 0; fetched < maxPages; fetched++) {
      const page = await this.getPage<T>(path, current);
      yield page;
      const { nextPage, nextLinkQuery } = page.pagination;
      const currentPage = Number(current.page);
      if (nextPage !== null && nextPage > currentPage) {
        current = { ...current, page: nextPage };
      } else if (nextPage === null && nextLinkQuery && !page.headers["x-next-page"]) {
        current = Object.fromEntries(nextLinkQuery.entries());
      } else {
        return;
      }
      if (page.items.length === 0) return;
    }
  }

  /** A repository of the source (`group/project.git`, `.wiki.git`) for git to fetch, under this client's URL policy. */
  gitRemote(repositoryPath: string): Promise<GitRemote> {
    return gitRemote(this.baseUrl, this.token, repositoryPath, this.policy);
  }

  /** A download (relation exports): the body as a stream, after retries up to the response headers. */
  async stream(path: string, query?: Query, options: StreamOptions = {}): Promise<SourceDownload> {
    const response = await this.withRetries("GET", path, (attempt) =>
      this.exchange({ method: "GET", path, query, acceptEncoding: "identity" }, attempt),
    );
    const contentLength = response.headers["content-length"] ? Number(response.headers["content-length"]) : null;
    if (options.maxBytes !== undefined && contentLength !== null && contentLength > options.maxBytes) {
      response.body.destroy();
      throw new SourceError(
        "too_large",
        `The source instance offers a file of ${contentLength} bytes for ${path}, over the limit of ${options.maxBytes}.`,
        { path },
      );
    }
    const guarded = guardDownload(response, { path, host: this.host, maxBytes: options.maxBytes });
    return { body: guarded, headers: response.headers, contentLength };
  }

  /**
   * A GraphQL query (`POST /api/graphql`), with the REST calls' URL policy, token header and retries. GitLab answers
   * query errors with HTTP 200 and `errors`: those with no `data` become a `bad_response` naming GitLab's message.
   */
  async graphql<T = unknown>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const { data } = await this.requestJson<{ data?: T | null; errors?: { message?: unknown }[] }>("POST", "/graphql", undefined, { query, variables }, "/api");
    const messages = (Array.isArray(data?.errors) ? data.errors : []).map((error) => String(error?.message ?? "")).filter(Boolean);
    if (data?.data === undefined || data.data === null) {
      const message = messages.join("; ").slice(0, 300) || "no data";
      throw new SourceError("bad_response", `The source instance's GraphQL API answered: ${message}`, { path: "/graphql", serverMessage: message });
    }
    return data.data;
  }

  private async requestJson<T>(method: "GET" | "POST", path: string, query?: Query, body?: unknown, root?: Exchange["root"]) {
    // The body is read inside the retried operation: a connection that breaks mid-body is retried like any other.
    return this.withRetries(method, path, async (attempt) => {
      const response = await this.exchange({ method, path, query, body, acceptEncoding: "gzip, deflate", root }, attempt);
      const raw = await readBody(response.body, path, this.host, this.maxJsonBytes);
      const decoded = await decodeBody(raw, response.headers["content-encoding"], path, this.maxJsonBytes);
      const data = parseJson(decoded.toString("utf8"), response.headers["content-type"], path, response.status);
      return { status: response.status, data: data as T, headers: response.headers };
    });
  }

  private withRetries<T>(method: string, path: string, operation: (attempt: number) => Promise<T>): Promise<T> {
    return withRetries(operation, this.retry, (error, attempt, delayMs) =>
      this.log.warn(
        { method, path, attempt, delayMs, kind: error.kind, status: error.status, reason: error.reason },
        "retrying source request",
      ),
    );
  }

  /** One attempt: a 2xx response with its body still unread, or the mapped SourceError. */
  private async exchange(request: Exchange, attempt: number): Promise<TransportResponse> {
    const { method, path, query, body, acceptEncoding, root = "/api/v4" } = request;
    if (!path.startsWith("/") || path.startsWith("//")) throw new Error(`Source API paths start with one "/": ${path}`);
    const url = new URL(`${this.baseUrl}${root}${path}${buildQuery(query)}`);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const started = Date.now();
    let response: TransportResponse;
    try {
      response = await this.transport.send({
        method,
        url,
        headers: {
          accept: "application/json",
          "accept-encoding": acceptEncoding,
          "user-agent": this.userAgent,
          ...(payload ? { "content-type": "application/json" } : {}),
        },
        credentials: { "private-token": this.token },
        credentialOrigin: this.origin,
        body: payload,
      });
    } catch (error) {
      const kind = error instanceof SourceError ? error.kind : "unexpected";
      this.log.debug({ method, path, attempt, ms: Date.now() - started, kind }, "source request failed");
      throw error;
    }
    this.log.debug({ method, path, attempt, status: response.status, ms: Date.now() - started }, "source request");
    if (response.status >= 200 && response.status < 300) return response;
    throw await this.errorFor(response, path);
  }

  private async errorFor(response: TransportResponse, path: string): Promise<SourceError> {
    let parsed: unknown = null;
    try {
      const raw = await readBody(response.body, path, this.host, ERROR_BODY_LIMIT);
      const decoded = await decodeBody(raw, response.headers["content-encoding"], path, ERROR_BODY_LIMIT);
      parsed = JSON.parse(decoded.toString("utf8"));
    } catch {
      // An unreadable error body still leaves the status, which is what decides the error.
    }
    const retryAfterMs = parseRetryAfter(response.headers["retry-after"]);
    return httpError({ status: response.status, path, body: parsed, token: this.token, retryAfterMs });
  }
}
