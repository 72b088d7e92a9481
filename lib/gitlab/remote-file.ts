import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { pipeline } from "node:stream/promises";
import { SourceError } from "./errors";
import { networkError } from "./network-errors";
import { createPolicyLookup, defaultResolver, forbiddenReason, type UrlPolicyOptions } from "./url-policy";
import type { ForbiddenAddressClass } from "./ip-address";

/** GitLab's UrlBlocker wording for each class of address it refuses (`File url is blocked: …`). */
const BLOCKED: Record<ForbiddenAddressClass, string> = {
  loopback: "Requests to localhost are not allowed",
  unspecified: "Requests to localhost are not allowed",
  private: "Requests to the local network are not allowed",
  reserved: "Requests to the local network are not allowed",
  broadcast: "Requests to the local network are not allowed",
  multicast: "Requests to the local network are not allowed",
  "link-local": "Requests to the link local network are not allowed",
  "cloud-metadata": "Requests to the link local network are not allowed",
};

const blocked = (reason: string) => `File url is blocked: ${reason}`;

/**
 * GitLab's `addressable_url` check of a remote import's URL (schemes https only, local addresses only when allowed,
 * judged on every address the host resolves to), as the message GitLab gives, or null. Whatever the policy allows
 * for sources, remote files are https only, as in GitLab. The connections made later are checked again (rebinding).
 */
export async function remoteUrlProblem(url: string, policy: UrlPolicyOptions): Promise<string | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return blocked("URI is invalid");
  }
  if (parsed.protocol !== "https:") return blocked("Only allowed schemes are https");
  if (parsed.username || parsed.password) return blocked("URI is invalid");
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (net.isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await (policy.resolve ?? defaultResolver)(host)).map((a) => a.address);
    } catch {
      return blocked("Host cannot be resolved or invalid");
    }
    if (addresses.length === 0) return blocked("Host cannot be resolved or invalid");
  }
  for (const address of addresses) {
    const verdict = forbiddenReason(address, policy);
    if (verdict) return blocked(BLOCKED[verdict]);
  }
  return null;
}

/** The words after "could not be reached:" of a network error: what failed, never where (the URL is a secret). */
export function failureDetail(error: unknown): string {
  if (error instanceof SourceError) {
    if (error.kind === "local_address") return "the address is not allowed";
    return error.message.replace(/^The source instance could not be reached: /, "").replace(/\.$/, "");
  }
  return "network error";
}

export interface RemoteResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
}

interface Timeouts {
  /** Whole exchange up to the response headers. */
  headersMs: number;
  /** No byte for this long while the body streams. */
  idleMs: number;
}

/**
 * One request to a remote file's URL: through the policy's lookup on the connection, no redirect followed (a
 * presigned URL answers the object itself, and a redirect would lead the download to a place no check saw).
 */
function requestOnce(method: "HEAD" | "GET", url: string, policy: UrlPolicyOptions, timeouts: Timeouts): Promise<http.IncomingMessage> {
  const target = new URL(url);
  if (target.protocol !== "https:") return Promise.reject(new SourceError("insecure_scheme", "Only allowed schemes are https"));
  return new Promise((resolve, reject) => {
    const request = https.request({
      method,
      hostname: target.hostname.replace(/^\[|\]$/g, ""),
      port: target.port || undefined,
      path: `${target.pathname}${target.search}`,
      // The policy applies to remote files without an http:// allowance: GitLab's check is https only.
      lookup: createPolicyLookup({ ...policy, allowInsecure: false }),
      headers: { "accept-encoding": "identity" },
    });
    const timer = setTimeout(() => request.destroy(new SourceError("unreachable", `The source instance could not be reached: no answer within ${Math.ceil(timeouts.headersMs / 1000)} s.`, { reason: "timeout" })), timeouts.headersMs);
    request.setTimeout(timeouts.idleMs, () => request.destroy(new SourceError("unreachable", `The source instance could not be reached: the connection timed out (no data for ${Math.round(timeouts.idleMs / 1000)} s).`, { reason: "timeout" })));
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(networkError(error, target.hostname));
    });
    request.on("response", (response) => {
      clearTimeout(timer);
      response.on("error", () => undefined);
      resolve(response);
    });
    request.end();
  });
}

/** A HEAD of the remote file (GitLab's RemoteFile#headers), within `timeoutMs`. Throws a SourceError without the URL. */
export async function remoteFileHeaders(url: string, policy: UrlPolicyOptions, timeoutMs: number): Promise<RemoteResponse> {
  const response = await requestOnce("HEAD", url, policy, { headersMs: timeoutMs, idleMs: timeoutMs });
  response.resume();
  return { status: response.statusCode ?? 0, headers: response.headers };
}

export interface DownloadOptions {
  policy: UrlPolicyOptions;
  /** The most bytes the file may have: past it the download stops and fails. */
  maxBytes: number;
  headersTimeoutMs?: number;
  idleTimeoutMs?: number;
}

/**
 * Streams the remote file to `target` (GitLab's download in the import worker): 200 only, at most `maxBytes` whatever
 * the headers announced (the HEAD may have lied), a body shorter than its Content-Length is a failure. Throws a
 * SourceError whose message says what went wrong and never names the URL; a partial file may be left at `target`.
 */
export async function downloadRemoteFile(url: string, target: string, options: DownloadOptions): Promise<{ bytes: number }> {
  const response = await requestOnce("GET", url, options.policy, { headersMs: options.headersTimeoutMs ?? 60_000, idleMs: options.idleTimeoutMs ?? 60_000 });
  const status = response.statusCode ?? 0;
  if (status !== 200) {
    response.destroy();
    throw new SourceError("bad_response", `the server answered ${status}`, { status });
  }
  const declared = Number(response.headers["content-length"]);
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    response.destroy();
    throw new SourceError("too_large", `the file is larger than ${options.maxBytes} bytes`);
  }
  let bytes = 0;
  response.on("data", (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > options.maxBytes) response.destroy(new SourceError("too_large", `the file is larger than ${options.maxBytes} bytes`));
  });
  try {
    await pipeline(response, fs.createWriteStream(target, { mode: 0o600 }));
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw networkError(error, new URL(url).hostname);
  }
  if (!response.complete) throw new SourceError("unreachable", "the download ended early", { reason: "reset" });
  return { bytes };
}
