import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import { pipeline } from "node:stream/promises";
import { SourceError } from "./errors";
import { networkError } from "./network-errors";
import { assertTargetAllowed, createPolicyLookup, type UrlPolicyOptions } from "./url-policy";

export interface UploadTarget {
  url: string;
  method: "PUT" | "POST";
}

/** The policy's verdicts speak of a source URL; here the URL is where an export goes. */
const asUploadError = (error: SourceError) => new SourceError(error.kind, error.message.replace("The source URL", "The upload URL"));

/**
 * Whether Ferry may send a file to this URL (https, no private or loopback address unless allowed), judged without
 * DNS: what a request can be refused for at once. Connections are checked again on the addresses they resolve to.
 * Returns the reason as a user can read it, or null.
 */
export function uploadUrlProblem(url: string, policy: UrlPolicyOptions): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "The upload URL is not a valid URL.";
  }
  if (parsed.username || parsed.password) return "The upload URL must not contain a user name or password.";
  try {
    assertTargetAllowed(parsed, policy);
  } catch (error) {
    if (error instanceof SourceError) return asUploadError(error).message;
    throw error;
  }
  return null;
}

const IDLE_TIMEOUT_MS = 60_000;

/**
 * Streams a file to a URL (GitLab's WebUploadStrategy: `Content-Type: application/gzip`, PUT or POST), through the
 * URL policy on every address the host resolves to. No redirect is followed. Throws a SourceError whose message names
 * what went wrong and never the URL (a presigned URL carries its credentials in the query).
 */
export async function uploadFile(file: string, target: UploadTarget, policy: UrlPolicyOptions): Promise<void> {
  const problem = uploadUrlProblem(target.url, policy);
  if (problem) throw new SourceError("malformed_url", problem);
  const url = new URL(target.url);
  const { size } = await fs.promises.stat(file);
  const secure = url.protocol === "https:";
  const request = (secure ? https : http).request({
    method: target.method,
    protocol: url.protocol,
    hostname: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port || undefined,
    path: `${url.pathname}${url.search}`,
    headers: { "content-type": "application/gzip", "content-length": String(size) },
    lookup: createPolicyLookup(policy),
    timeout: IDLE_TIMEOUT_MS,
  });
  request.on("timeout", () => request.destroy(new SourceError("unreachable", "The upload URL stopped answering.", { reason: "timeout", retryable: true })));
  const answered = new Promise<http.IncomingMessage>((resolve, reject) => {
    request.once("response", resolve);
    request.once("error", reject);
  });
  // The pipeline below hears of a failed request first; this promise is awaited only once the file is sent.
  answered.catch(() => undefined);
  try {
    await pipeline(fs.createReadStream(file), request);
    const response = await answered;
    response.resume();
    const status = response.statusCode ?? 0;
    if (status < 200 || status >= 300) throw new SourceError("bad_response", `The upload URL answered ${status}.`, { status });
  } catch (error) {
    request.destroy();
    if (error instanceof SourceError) throw error.kind === "local_address" || error.kind === "insecure_scheme" ? asUploadError(error) : error;
    throw networkError(error as NodeJS.ErrnoException, url.hostname);
  }
}
