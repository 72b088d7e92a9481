// Test helper (not part of the public face): small real HTTP(S) servers on loopback addresses.
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import pino from "pino";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

export interface TestServer {
  /** http(s)://host:port, without a trailing slash. */
  url: string;
  port: number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

// Self-signed, CN=localhost, SAN DNS:localhost + IP:127.0.0.1, valid until 2126. Generated for these tests only.
export const TEST_TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQggxLOPczJuthM5ySm
AR8SCsUVosVTYw2Qoqwdv2Q7NoWhRANCAASM9XfUp4BtIZjZ69aZPlO1W6xkOZ4G
57r1dkARhcn7tO5Z40cSxt0qCjuA3dDfr6YKo1vfxltEsFpjl61Kc4An
-----END PRIVATE KEY-----
`;
export const TEST_TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBmzCCAUGgAwIBAgIURHXZZK3znHIMWMwZbW9jGPXZM1owCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyMjAxMDk0NFoYDzIxMjYxMDI5
MDEwOTQ0WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASM9XfUp4BtIZjZ69aZPlO1W6xkOZ4G57r1dkARhcn7tO5Z40cSxt0q
CjuA3dDfr6YKo1vfxltEsFpjl61Kc4Ano28wbTAdBgNVHQ4EFgQUKGgu3yS/fQGG
wffJEV4fGZZi/NgwHwYDVR0jBBgwFoAUKGgu3yS/fQGGwffJEV4fGZZi/NgwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDSAAwRQIhAOc+zB8NaMRWdrSxm4M8UNIwcRRoOF56mBs0Eg1Y4ov/AiBv
hmP/rUmT3Rwh8fHHbsoEcM4ogfUfFeYdDy1ht2febg==
-----END CERTIFICATE-----
`;

export async function startServer(
  handler: Handler,
  options: { host?: string; tls?: boolean } = {},
): Promise<TestServer> {
  const host = options.host ?? "127.0.0.1";
  const requests: RecordedRequest[] = [];
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      handler(req, res, body);
    });
  };
  const server = options.tls
    ? https.createServer({ key: TEST_TLS_KEY, cert: TEST_TLS_CERT }, listener)
    : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? "https" : "http"}://${host}:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** A fake sleep that records what it was asked to wait and returns at once. */
export function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

/** A pino logger at the most verbose level whose lines land in `lines`, to check what the client logs. */
export function memoryLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  return { lines, logger: pino({ level: "trace" }, stream) };
}
