import http from "node:http";
import https from "node:https";
import type { TLSSocket } from "node:tls";
import { SourceError } from "./errors";
import { networkError, timeoutError } from "./network-errors";
import type { ResponseHeaders } from "./pagination";
import { assertTargetAllowed, createPolicyLookup, type UrlPolicyOptions } from "./url-policy";

export interface TransportOptions extends UrlPolicyOptions {
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  maxRedirects: number;
  /** Extra trusted certificate authorities for sources behind a private CA. */
  ca?: string | Buffer;
}

export interface TransportRequest {
  method: "GET" | "POST";
  url: URL;
  headers: Record<string, string>;
  /** Headers sent only to `credentialOrigin`: a redirect elsewhere (object storage, another host) must not get them. */
  credentials: Record<string, string>;
  credentialOrigin: string;
  body?: Buffer;
}

export interface TransportResponse {
  status: number;
  headers: ResponseHeaders;
  body: http.IncomingMessage;
  url: URL;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function flattenHeaders(raw: http.IncomingHttpHeaders): ResponseHeaders {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

// An idle kept-alive connection is closed after this long: under the keep-alive timeouts servers use (Node's 5 s,
// nginx's 75 s), so that a request seldom meets a connection the server is closing at that moment.
const IDLE_SOCKET_MS = 4_000;
// Kinds of policy kept at once: a handful in practice (the instance's settings, an administrator's wider ones).
const MAX_SHARED = 32;

interface Agents {
  http: http.Agent;
  https: https.Agent;
}

const shared = new Map<string, Agents>();
const resolverIds = new WeakMap<object, number>();
let nextResolverId = 1;

/**
 * The keep-alive agents of every client under the same URL policy and trusted CAs. An import makes a client per job,
 * and with agents of its own each batch of each relation opened a new connection (and, to an https source, a TLS
 * handshake: a round trip or two and a few ms of CPU per 1,000 records). A connection carries no credentials (the
 * token is a header of each request), and one opened under a policy is only reused under the same policy: the policy
 * checks the address a connection goes to when it is made, so a socket of a more permissive client never serves a
 * stricter one.
 */
function agentsFor(options: TransportOptions): Agents {
  let resolver = 0;
  if (options.resolve) {
    resolver = resolverIds.get(options.resolve) ?? 0;
    if (!resolver) resolverIds.set(options.resolve, (resolver = nextResolverId++));
  }
  const ca = options.ca === undefined ? "" : options.ca.toString();
  const key = JSON.stringify([options.allowInsecure ?? false, options.allowLocal ?? false, options.allowLinkLocal ?? false, options.allowList ?? [], resolver, ca]);
  let agents = shared.get(key);
  if (!agents) {
    agents = {
      http: new http.Agent({ keepAlive: true, maxSockets: 16, timeout: IDLE_SOCKET_MS }),
      https: new https.Agent({ keepAlive: true, maxSockets: 16, timeout: IDLE_SOCKET_MS, ca: options.ca }),
    };
    // The oldest kind goes: its idle sockets close by themselves, and the clients using it keep their agents.
    if (shared.size >= MAX_SHARED) shared.delete(shared.keys().next().value!);
    shared.set(key, agents);
  }
  return agents;
}

/**
 * Sends requests for one client: keep-alive agents shared by the clients of the same URL policy (agentsFor), the
 * policy-checking DNS lookup on every connection, and connect and idle timeouts.
 */
export class Transport {
  private readonly options: TransportOptions;
  private readonly lookup: ReturnType<typeof createPolicyLookup>;
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(options: TransportOptions) {
    this.options = options;
    this.lookup = createPolicyLookup(options);
    const agents = agentsFor(options);
    this.httpAgent = agents.http;
    this.httpsAgent = agents.https;
  }

  /** Nothing to release: idle connections are kept for the next client of the same policy, and close after 4 s. */
  close(): void {}

  /** One logical request: follows up to `maxRedirects` redirects, re-checking the URL policy on every hop. */
  async send(request: TransportRequest): Promise<TransportResponse> {
    let { method, url, body } = request;
    const baseHeaders = { ...request.headers };
    for (let hop = 0; ; hop++) {
      assertTargetAllowed(url, this.options);
      const sameOrigin = url.origin === request.credentialOrigin;
      const headers = { ...baseHeaders, ...(sameOrigin ? request.credentials : {}) };
      if (body) headers["content-length"] = String(body.length);
      const response = await this.sendOnce(method, url, headers, body);
      const location = response.headers["location"];
      if (!REDIRECTS.has(response.statusCode ?? 0) || !location) {
        return { status: response.statusCode ?? 0, headers: flattenHeaders(response.headers), body: response, url };
      }
      response.destroy();
      if (hop >= this.options.maxRedirects) {
        throw new SourceError("bad_response", `The source instance redirected more than ${this.options.maxRedirects} times.`);
      }
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new SourceError("bad_response", "The source instance sent a redirect to an invalid URL.");
      }
      const status = response.statusCode ?? 0;
      if (status === 303 || ((status === 301 || status === 302) && method === "POST")) {
        method = "GET";
        body = undefined;
        delete baseHeaders["content-type"];
      }
      url = next;
    }
  }

  private sendOnce(
    method: string,
    url: URL,
    headers: Record<string, string>,
    body: Buffer | undefined,
  ): Promise<http.IncomingMessage> {
    const secure = url.protocol === "https:";
    const host = url.hostname.replace(/^\[|\]$/g, "");
    return new Promise((resolve, reject) => {
      const request = (secure ? https : http).request({
        method,
        protocol: url.protocol,
        hostname: host,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        headers,
        agent: secure ? this.httpsAgent : this.httpAgent,
        lookup: this.lookup,
      });
      let response: http.IncomingMessage | undefined;
      const fail = (error: SourceError) => {
        clearTimeout(connectTimer);
        // Once the response is out, the consumer of its body must see the error, not a generic "aborted".
        if (response) response.destroy(error);
        request.destroy(error);
        reject(error);
      };
      const connectTimer = setTimeout(() => fail(timeoutError("connect", this.options.connectTimeoutMs)), this.options.connectTimeoutMs);
      request.on("socket", (socket) => {
        if (!socket.connecting) {
          clearTimeout(connectTimer);
          return;
        }
        const connected = () => clearTimeout(connectTimer);
        if (secure) (socket as TLSSocket).once("secureConnect", connected);
        else socket.once("connect", connected);
      });
      request.setTimeout(this.options.idleTimeoutMs, () => {
        if (response?.complete) return;
        fail(timeoutError("idle", this.options.idleTimeoutMs));
      });
      request.on("error", (error) => {
        clearTimeout(connectTimer);
        reject(networkError(error, host));
      });
      request.on("response", (res) => {
        clearTimeout(connectTimer);
        response = res;
        res.on("error", () => undefined); // surfaced by whoever reads the body; avoids an unhandled 'error'
        resolve(res);
      });
      request.end(body);
    });
  }
}
