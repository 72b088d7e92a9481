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

/**
 * Sends requests for one client: per-client keep-alive agents (so a socket opened under one policy is never reused
 * under another), the policy-checking DNS lookup on every connection, and connect and idle timeouts.
 */
export class Transport {
  private readonly options: TransportOptions;
  private readonly lookup: ReturnType<typeof createPolicyLookup>;
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(options: TransportOptions) {
    this.options = options;
    this.lookup = createPolicyLookup(options);
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 16, ca: options.ca });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

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
